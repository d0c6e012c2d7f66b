import { Vocabulary, cbvValue } from '@pujiang/epcis';
import { comparableUnits, convertUnit } from '@pujiang/standards';

/**
 * A condition on the event as captured, for the query parameters that no index column holds
 * (sensor reports, quantities, error declarations,
 * extension fields). `path` is an SQL/JSON path built here from fixed text only; the caller's
 * values travel in `vars`, never in the path.
 */
export type DocumentFilter =
  | { kind: 'path'; path: string; vars: Record<string, unknown> }
  /** Some value at one of the paths is an instant in [gte, lt) (JSON path has no ISO 8601 'Z'). */
  | { kind: 'time'; path: string | string[]; gte?: Date; lt?: Date };

const COMPARISONS: Record<string, string> = { EQ: '==', GT: '>', GE: '>=', LT: '<', LE: '<=' };

/** UN/CEFACT Rec. 20 unit codes, as the query schema writes them after a field name. */
const UOM = '[A-Z0-9]{2,4}';
const SENSOR_NUMBERS = 'value|minValue|maxValue|meanValue|sDev|percValue';
const SENSOR_NUMBER = new RegExp(`^(EQ|GT|GE|LT|LE)_(${SENSOR_NUMBERS})_(${UOM})$`);
const PERC_RANK = /^(GT|GE|LT|LE)_percRank$/;
const QUANTITY = new RegExp(`^(EQ|GT|GE|LT|LE)_quantity(?:_(${UOM}))?$`);
/** An extension field's qualified name, as the query schema allows it (`example:myField`). */
const EXTENSION_FIELD = /^EXISTS_(ILMD_)?([a-z][a-zA-Z0-9]*:\w+)$/;

const SENSOR_REPORTS = '$.sensorElementList[*].sensorReport[*]';
/** Quantity elements of every quantity list: the only list members with an epcClass. */
const QUANTITY_ELEMENTS = '$.*[*] ? (exists(@.epcClass))';

/** Report fields matched against a list of values; some may sit in the metadata too. */
const SENSOR_EQUALS: Record<
  string,
  { in: 'report' | 'metadata' | 'both'; spell?: Spell; uri?: boolean }
> = {
  EQ_type: { in: 'report', spell: (v) => gs1VocSpellings(v) },
  EQ_deviceID: { in: 'both', uri: true },
  EQ_dataProcessingMethod: { in: 'both', uri: true },
  EQ_bizRules: { in: 'metadata', uri: true },
  EQ_microorganism: { in: 'report' },
  EQ_chemicalSubstance: { in: 'report' },
  EQ_stringValue: { in: 'report' },
  EQ_hexBinaryValue: { in: 'report' },
  EQ_uriValue: { in: 'report', uri: true },
};

/** A sensor's time is its metadata's or, for a report that has its own, that report's. */
const SENSOR_TIMES = [
  '$.sensorElementList[*].sensorMetadata.time',
  '$.sensorElementList[*].sensorReport[*].time',
];

const TIMES: Record<string, { path: string | string[]; bound: 'gte' | 'lt' }> = {
  GE_time: { path: SENSOR_TIMES, bound: 'gte' },
  LT_time: { path: SENSOR_TIMES, bound: 'lt' },
  GE_startTime: { path: '$.sensorElementList[*].sensorMetadata.startTime', bound: 'gte' },
  LT_startTime: { path: '$.sensorElementList[*].sensorMetadata.startTime', bound: 'lt' },
  GE_endTime: { path: '$.sensorElementList[*].sensorMetadata.endTime', bound: 'gte' },
  LT_endTime: { path: '$.sensorElementList[*].sensorMetadata.endTime', bound: 'lt' },
  GE_errorDeclarationTime: { path: '$.errorDeclaration.declarationTime', bound: 'gte' },
  LT_errorDeclarationTime: { path: '$.errorDeclaration.declarationTime', bound: 'lt' },
  // The query schema's spelling of the same two.
  GE_errorDeclaration_Time: { path: '$.errorDeclaration.declarationTime', bound: 'gte' },
  LT_errorDeclaration_Time: { path: '$.errorDeclaration.declarationTime', bound: 'lt' },
};

const EXISTS: Record<string, string> = {
  EXISTS_errorDeclaration: '$.errorDeclaration',
  EXISTS_sensorElementList: '$.sensorElementList[*]',
};

type Spell = (value: string) => string[];

/**
 * An absolute URI as RFC 3986 writes it (scheme, then printable ASCII with no space, quote,
 * angle bracket, brace, backslash, caret, backtick or `|`, which separates list values).
 */
export function isUri(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:[!#-;=?-[\]_a-z~]+$/.test(value);
}

/** Every spelling of a CBV value the capture accepts: bare word, URN, URI, compact IRI. */
export function cbvSpellings(value: string, vocabulary: Vocabulary): string[] {
  const uri = cbvValue(value, vocabulary);
  const base = `https://ref.gs1.org/cbv/${vocabulary}-`;
  if (!uri.startsWith(base)) return unique([value, uri]);
  const word = uri.slice(base.length);
  return unique([
    value,
    uri,
    word,
    `urn:epcglobal:cbv:${vocabulary.toLowerCase()}:${word}`,
    `cbv:${vocabulary}-${word}`,
  ]);
}

/** A GS1 Web Vocabulary term (a measurement type) as a bare word, a compact IRI or a URI. */
function gs1VocSpellings(value: string): string[] {
  const word = value.replace(/^(gs1:|https?:\/\/gs1\.org\/voc\/)/, '');
  return unique([value, word, `gs1:${word}`, `https://gs1.org/voc/${word}`]);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Reads one query parameter of the document kind, or answers 'unknown'. */
export function documentFilter(
  name: string,
  raw: string,
  fail: (detail: string) => void,
): DocumentFilter | undefined | 'unknown' {
  const list = (uri = false) => {
    const values = raw.split('|').filter((v) => v.length > 0);
    if (values.length === 0) fail('give at least one value');
    if (uri && !values.every(isUri)) fail('each value must be an absolute URI');
    return values;
  };
  const number = () => {
    const n = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isFinite(n)) fail('must be a number');
    return n;
  };
  const path = (text: string, vars: Record<string, unknown> = {}): DocumentFilter => ({
    kind: 'path',
    path: text,
    vars,
  });

  const equals = SENSOR_EQUALS[name];
  if (equals !== undefined) {
    const field = name.slice('EQ_'.length);
    const values = list(equals.uri).flatMap((v) => (equals.spell ? equals.spell(v) : [v]));
    const inReport = `@.sensorReport[*].${field} == $v[*]`;
    const inMetadata = `@.sensorMetadata.${field} == $v[*]`;
    const condition =
      equals.in === 'both'
        ? `${inReport} || ${inMetadata}`
        : equals.in === 'report'
          ? inReport
          : inMetadata;
    return path(`$.sensorElementList[*] ? (${condition})`, { v: values });
  }
  if (name === 'EQ_booleanValue') {
    if (raw !== 'true' && raw !== 'false') fail('must be true or false');
    return path(`${SENSOR_REPORTS} ? (@.booleanValue == $v)`, { v: raw === 'true' });
  }
  const time = TIMES[name];
  if (time !== undefined) {
    const when = parseInstant(raw);
    if (when === undefined) {
      fail('must be an ISO 8601 date-time with a time zone');
      return undefined;
    }
    return { kind: 'time', path: time.path, [time.bound]: when };
  }
  const exists = EXISTS[name] ?? extensionPath(name);
  if (exists !== undefined) {
    if (raw === 'false') return undefined;
    if (raw !== '' && raw !== 'true') fail('must be true, false or empty');
    return path(`${exists}`);
  }
  if (name === 'EQ_errorReason') {
    return path('$.errorDeclaration ? (@.reason == $v[*])', {
      v: list().flatMap((v) => cbvSpellings(v, 'ER')),
    });
  }
  if (name === 'EQ_correctiveEventID') {
    return path('$.errorDeclaration.correctiveEventIDs[*] ? (@ == $v[*])', { v: list(true) });
  }
  if (name === 'EQ_transformationID') {
    return path('$.transformationID ? (@ == $v[*])', { v: list(true) });
  }
  if (name === 'EQ_persistentDisposition_set' || name === 'EQ_persistentDisposition_unset') {
    const which = name.endsWith('_set') ? 'set' : 'unset';
    return path(`$.persistentDisposition.${which}[*] ? (@ == $v[*])`, {
      v: list().flatMap((v) => cbvSpellings(v, 'Disp')),
    });
  }

  const sensor = SENSOR_NUMBER.exec(name);
  if (sensor !== null) {
    const [, op, field, uom] = sensor;
    // A standard deviation is a difference: an offset (°C to °F) would not apply to it.
    const compared = inAnyUnit(field, COMPARISONS[op], number(), uom, field !== 'sDev');
    return path(`${SENSOR_REPORTS} ? (${compared.condition})`, compared.vars);
  }
  const rank = PERC_RANK.exec(name);
  if (rank !== null) {
    return path(`${SENSOR_REPORTS} ? (@.percRank ${COMPARISONS[rank[1]]} $n)`, { n: number() });
  }
  const quantity = QUANTITY.exec(name);
  if (quantity !== null) {
    const [, op, uom] = quantity;
    if (uom === undefined) {
      return path(`${QUANTITY_ELEMENTS} ? (@.quantity ${COMPARISONS[op]} $n)`, { n: number() });
    }
    const compared = inAnyUnit('quantity', COMPARISONS[op], number(), uom, true);
    return path(`${QUANTITY_ELEMENTS} ? (${compared.condition})`, compared.vars);
  }
  return 'unknown';
}

/**
 * `field op n` with n in unit `uom`, for a value recorded in any unit of the same dimension
 * (EPCIS 2.0 §8.2.7.1: 50 °F matches a reading of 10 °C): one alternative per unit, its bound
 * converted by libs/standards' table. A unit the table does not know compares only to itself.
 */
function inAnyUnit(
  field: string,
  comparison: string,
  n: number,
  uom: string,
  convert: boolean,
): { condition: string; vars: Record<string, unknown> } {
  const vars: Record<string, unknown> = {};
  const units = convert ? comparableUnits(uom) : [uom];
  const alternatives = units.map((unit, i) => {
    vars[`u${i}`] = unit;
    vars[`n${i}`] = convertUnit(n, uom, unit) ?? n;
    return `(@.uom == $u${i} && @.${field} ${comparison} $n${i})`;
  });
  return { condition: alternatives.join(' || '), vars };
}

/** `EXISTS_ex:field` (a top-level extension field) or `EXISTS_ILMD_ex:field` (one in ilmd). */
function extensionPath(name: string): string | undefined {
  const match = EXTENSION_FIELD.exec(name);
  if (match === null) return undefined;
  // The name matched [a-zA-Z0-9_:] only, so quoting it keeps the path fixed text.
  return `$${match[1] ? '.ilmd' : ''}."${match[2]}"`;
}

export function parseInstant(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    return undefined;
  }
  const when = new Date(value);
  return Number.isNaN(when.getTime()) ? undefined : when;
}
