import { IdentifierPattern, epcPattern } from '@pujiang/epcis';
import { InvalidField } from '../../domain/invalid-field';
import { DEFAULT_PER_PAGE, MAX_PER_PAGE } from '../../domain/listing-page';
import { DocumentFilter, documentFilter, isUri, parseInstant } from './document-filters';
import { cbvValue } from '@pujiang/epcis';
import { IdentifierRole, TypedRole, typedRole } from './identifier-role';
import { AttributeMatch, attributeMatch } from './master-data-query';

export type OrderField = 'eventTime' | 'recordTime';
export type OrderDirection = 'ASC' | 'DESC';

export interface TimeRange {
  gte?: Date;
  lt?: Date;
}

/**
 * Events match if an identifier has one of `roles` and equals one of `values` or matches one
 * of `patterns` (EPC ID patterns, `urn:epc:idpat:…`).
 */
export interface IdentifierMatch {
  roles: readonly (IdentifierRole | TypedRole)[];
  values: string[];
  patterns: IdentifierPattern[];
}

/** A location matches itself exactly, or (WD_) also any sub-location below it. */
export interface LocationMatch {
  values: string[];
  withDescendants: boolean;
}

export interface EventQuery {
  eventTypes?: string[];
  eventTime: TimeRange;
  recordTime: TimeRange;
  actions?: string[];
  bizSteps?: string[];
  dispositions?: string[];
  readPoints: LocationMatch[];
  bizLocations: LocationMatch[];
  identifiers: IdentifierMatch[];
  /** HASATTR_/EQATTR_ (master-data-query.ts). */
  attributes: AttributeMatch[];
  eventIDs?: string[];
  /** Conditions on the event as captured (sensors, typed sources, quantities, EXISTS_…). */
  documentFilters: DocumentFilter[];
  /** Not a query parameter: a subscription matches just these captured events (by hash ID). */
  eventHashes?: string[];
  orderBy: OrderField;
  orderDirection: OrderDirection;
  eventCountLimit?: number;
  /** More matching events than this is a QueryTooLargeException, not a shorter answer. */
  maxEventCount?: number;
  perPage: number;
  nextPageToken?: string;
}

/** How captured values are stored, so that a query says the same thing in any accepted spelling. */
export interface QueryVocabulary {
  identifier(value: string): string;
  bizStep(value: string): string;
  disposition(value: string): string;
  location(value: string): string;
}

export { DEFAULT_PER_PAGE, MAX_PER_PAGE };

export const EVENT_TYPES = [
  'ObjectEvent',
  'AggregationEvent',
  'TransactionEvent',
  'TransformationEvent',
  'AssociationEvent',
];
export const ACTIONS = ['ADD', 'OBSERVE', 'DELETE'];

const MATCH_ROLES: Record<string, readonly IdentifierRole[]> = {
  MATCH_epc: [IdentifierRole.epc, IdentifierRole.child],
  MATCH_parentID: [IdentifierRole.parent],
  MATCH_inputEPC: [IdentifierRole.input],
  MATCH_outputEPC: [IdentifierRole.output],
  MATCH_anyEPC: [
    IdentifierRole.epc,
    IdentifierRole.parent,
    IdentifierRole.child,
    IdentifierRole.input,
    IdentifierRole.output,
  ],
  MATCH_epcClass: [IdentifierRole.epcClass, IdentifierRole.childClass],
  MATCH_inputEPCClass: [IdentifierRole.inputClass],
  MATCH_outputEPCClass: [IdentifierRole.outputClass],
  MATCH_anyEPCClass: [
    IdentifierRole.epcClass,
    IdentifierRole.childClass,
    IdentifierRole.inputClass,
    IdentifierRole.outputClass,
  ],
};

/** `EQ_source_owning_party`…: a list entry of that type naming one of the values. */
const TYPED_PARTY = /^EQ_(bizTransaction|source|destination)_([a-z][a-zA-Z0-9_]*)$/;
const TYPED_FIELDS = {
  bizTransaction: IdentifierRole.bizTransaction,
  source: IdentifierRole.source,
  destination: IdentifierRole.destination,
} as Record<
  string,
  | typeof IdentifierRole.source
  | typeof IdentifierRole.destination
  | typeof IdentifierRole.bizTransaction
>;

/** The MATCH_ parameters, each matching identifiers in the roles it names. */
export const MATCH_PARAMETERS = Object.keys(MATCH_ROLES);

export type RawQuery = Record<string, string | string[] | undefined>;

export class EventQueryError extends Error {
  constructor(readonly problems: InvalidField[]) {
    super(problems.map((p) => `${p.pointer}: ${p.detail}`).join('; '));
  }
}

/**
 * Reads the EPCIS 2.0 REST query parameters (SimpleEventQuery). Lists are
 * pipe-delimited as the binding says; an unknown or malformed parameter is
 * refused rather than ignored, so a typo never widens a recall query.
 */
export function parseEventQuery(raw: RawQuery, vocabulary: QueryVocabulary): EventQuery {
  const problems: InvalidField[] = [];
  const fail = (name: string, detail: string) => problems.push({ pointer: `/${name}`, detail });
  const query: EventQuery = {
    eventTime: {},
    recordTime: {},
    readPoints: [],
    bizLocations: [],
    identifiers: [],
    documentFilters: [],
    attributes: [],
    orderBy: 'eventTime',
    orderDirection: 'DESC',
    perPage: DEFAULT_PER_PAGE,
  };

  for (const [name, rawValue] of Object.entries(raw)) {
    if (rawValue === undefined) continue;
    if (Array.isArray(rawValue)) {
      fail(name, 'give the parameter once; separate several values with |');
      continue;
    }
    // A list parameter names at least one value: an empty one would match nothing silently.
    const list = () => {
      const values = rawValue.split('|').filter((v) => v.length > 0);
      if (values.length === 0) fail(name, 'give at least one value');
      return values;
    };
    /** Identifiers, locations and event IDs are URIs, as the binding types them. */
    const uris = () => {
      const values = list();
      if (!values.every(isUri)) fail(name, 'each value must be an absolute URI');
      return values;
    };
    const time = (range: TimeRange, bound: 'gte' | 'lt') => {
      const when = parseInstant(rawValue);
      if (when === undefined) fail(name, 'must be an ISO 8601 date-time with a time zone');
      else range[bound] = when;
    };
    switch (name) {
      case 'eventType': {
        const types = list();
        const unknown = types.filter((t) => !EVENT_TYPES.includes(t));
        if (unknown.length > 0) fail(name, `unknown event type ${unknown.join(', ')}`);
        query.eventTypes = types;
        break;
      }
      case 'GE_eventTime':
        time(query.eventTime, 'gte');
        break;
      case 'LT_eventTime':
        time(query.eventTime, 'lt');
        break;
      case 'GE_recordTime':
        time(query.recordTime, 'gte');
        break;
      case 'LT_recordTime':
        time(query.recordTime, 'lt');
        break;
      case 'EQ_action': {
        const actions = list();
        if (actions.some((a) => !ACTIONS.includes(a))) fail(name, 'must be ADD, OBSERVE or DELETE');
        query.actions = actions;
        break;
      }
      case 'EQ_bizStep':
        query.bizSteps = list().map((v) => vocabulary.bizStep(v));
        break;
      case 'EQ_disposition':
        query.dispositions = list().map((v) => vocabulary.disposition(v));
        break;
      case 'EQ_readPoint':
      case 'WD_readPoint':
        query.readPoints.push(locations(uris(), name.startsWith('WD_'), vocabulary));
        break;
      case 'EQ_bizLocation':
      case 'WD_bizLocation':
        query.bizLocations.push(locations(uris(), name.startsWith('WD_'), vocabulary));
        break;
      case 'EQ_eventID':
        query.eventIDs = uris();
        break;
      case 'orderBy':
        if (rawValue !== 'eventTime' && rawValue !== 'recordTime') {
          fail(name, 'must be eventTime or recordTime');
        } else query.orderBy = rawValue;
        break;
      case 'orderDirection':
        if (rawValue !== 'ASC' && rawValue !== 'DESC') fail(name, 'must be ASC or DESC');
        else query.orderDirection = rawValue;
        break;
      case 'eventCountLimit': {
        const limit = parsePositiveInt(rawValue);
        if (limit === undefined) fail(name, 'must be a positive integer');
        else query.eventCountLimit = limit;
        break;
      }
      case 'maxEventCount': {
        const limit = parsePositiveInt(rawValue);
        if (limit === undefined) fail(name, 'must be a positive integer');
        else query.maxEventCount = limit;
        break;
      }
      case 'perPage': {
        const perPage = parsePositiveInt(rawValue);
        if (perPage === undefined || perPage > MAX_PER_PAGE) {
          fail(name, `must be an integer from 1 to ${MAX_PER_PAGE}`);
        } else query.perPage = perPage;
        break;
      }
      case 'nextPageToken':
        query.nextPageToken = rawValue;
        break;
      default: {
        const attribute = attributeMatch(name, list);
        if (typeof attribute === 'string') fail(name, attribute);
        if (attribute !== undefined) {
          if (typeof attribute !== 'string') query.attributes.push(attribute);
          break;
        }
        const roles = MATCH_ROLES[name];
        if (roles !== undefined) {
          query.identifiers.push(identifierMatch(roles, uris(), vocabulary, (d) => fail(name, d)));
          break;
        }
        const typed = TYPED_PARTY.exec(name);
        if (typed !== null) {
          const [, field, type] = typed;
          const role = TYPED_FIELDS[field];
          // Business transaction IDs are kept as written; parties in their canonical spelling.
          const values = uris().map((v) =>
            role === IdentifierRole.bizTransaction ? v : vocabulary.identifier(v),
          );
          const roles = [
            typedRole(role, cbvValue(type, role === IdentifierRole.bizTransaction ? 'BTT' : 'SDT')),
          ];
          query.identifiers.push({ roles, values, patterns: [] });
          break;
        }
        const filter = documentFilter(name, rawValue, (detail) => fail(name, detail));
        if (filter === 'unknown') fail(name, 'is not a supported query parameter');
        else if (filter !== undefined) query.documentFilters.push(filter);
      }
    }
  }
  if (query.eventCountLimit !== undefined && query.maxEventCount !== undefined) {
    fail('maxEventCount', 'eventCountLimit and maxEventCount exclude each other');
  }
  if (problems.length > 0) throw new EventQueryError(problems);
  return query;
}

function locations(values: string[], withDescendants: boolean, vocabulary: QueryVocabulary) {
  return { values: values.map((v) => vocabulary.location(v)), withDescendants };
}

/** EPC ID patterns match by prefix; anything else is one identifier in its canonical spelling. */
function identifierMatch(
  roles: readonly IdentifierRole[],
  values: string[],
  vocabulary: QueryVocabulary,
  fail: (detail: string) => void,
): IdentifierMatch {
  const match: IdentifierMatch = { roles, values: [], patterns: [] };
  for (const value of values) {
    if (!value.startsWith('urn:epc:idpat:')) {
      match.values.push(vocabulary.identifier(value));
      continue;
    }
    const pattern = epcPattern(value);
    if (pattern === undefined) fail(`${value} is not an EPC ID pattern (TDS section 8)`);
    else match.patterns.push(pattern);
  }
  return match;
}

function parsePositiveInt(value: string): number | undefined {
  return /^[1-9]\d{0,8}$/.test(value) ? Number(value) : undefined;
}
