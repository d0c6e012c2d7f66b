import { Controller, Get, Header, HttpStatus, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { isValidLot, lotDigitalLink, ssccDigitalLink } from '@pujiang/epcis';
import { BearerAuthGuard, CurrentPrincipal, Principal, RequireRoles } from '@pujiang/auth';
import { ApiOptionalQueries, ProblemException, QueryParameter } from '@pujiang/http';
import { GTIN_SCHEMA, LOT_SCHEMA } from '../epcis.openapi';
import { RecallView, TraceService, TraceView } from './trace.service';
import { TraceRole } from '../trace-roles';
import { RECALL_VIEW_SCHEMA, TEXT_SCHEMA, TRACE_VIEW_SCHEMA } from '../epcis-responses.openapi';

const DEFAULT_DEPTH = 16;
const MAX_DEPTH = 64;

/** A URI (EPC URN or Digital Link): a scheme, then no white space or control characters. */
// eslint-disable-next-line no-control-regex -- control characters are what it refuses
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s\x00-\x1f\x7f]{1,2040}$/;

type RawQuery = Record<string, string | string[] | undefined>;
type Query = Record<string, string | undefined>;

const LOT: QueryParameter[] = [
  { name: 'gtin', description: 'GTIN of the lot (with lot)', schema: GTIN_SCHEMA },
  { name: 'lot', description: 'Batch/lot number (with gtin)', schema: LOT_SCHEMA },
];
const DEPTH: QueryParameter = {
  name: 'maxDepth',
  description: `How many steps to follow (default ${DEFAULT_DEPTH})`,
  schema: { type: 'integer', minimum: 1, maximum: MAX_DEPTH },
};
const SUBJECT: QueryParameter[] = [
  {
    name: 'identifier',
    description: 'EPC URN or GS1 Digital Link',
    schema: { type: 'string', pattern: IDENTIFIER.source },
  },
  {
    name: 'sscc',
    description: 'SSCC, 18 digits',
    schema: { type: 'string', pattern: '^\\d{18}$' },
  },
  ...LOT,
];
const PERIOD: QueryParameter[] = ['from', 'to'].map((name) => ({
  name,
  description: 'ISO 8601 date or date-time',
  schema: { type: 'string' },
}));

const DIRECTION: QueryParameter = {
  name: 'direction',
  description: 'Default backward',
  schema: { enum: ['backward', 'forward'] },
};
const TRACE_QUERY = [...SUBJECT, DIRECTION, DEPTH];
const RECALL_QUERY = [...LOT, DEPTH];
const FSMA_QUERY = [...LOT, ...PERIOD, DEPTH];

/**
 * Trace and recall. The subject is an `identifier` (EPC URN or GS1 Digital
 * Link: an item, an SSCC, a lot), or a lot as `gtin` + `lot`, or an `sscc`.
 * Each answers as the caller's organisation may see it: a step it may not
 * see is redacted to its capturing organisation, event hash and proof.
 */
@Controller()
@UseGuards(BearerAuthGuard)
@RequireRoles(TraceRole.trace)
export class TraceController {
  constructor(private readonly traces: TraceService) {}

  @Get('trace')
  @ApiOptionalQueries(TRACE_QUERY)
  @ApiOkResponse({
    description: 'The trace graph: events and the identifiers they link; hidden steps redacted',
    schema: TRACE_VIEW_SCHEMA,
  })
  trace(@Query() raw: RawQuery, @CurrentPrincipal() caller: Principal): Promise<TraceView> {
    const query = onlyOnce(raw, TRACE_QUERY);
    const direction = query.direction ?? 'backward';
    if (direction !== 'backward' && direction !== 'forward') {
      throw badParameter('direction', 'must be backward or forward');
    }
    return this.traces.trace(subjectOf(query), direction, depthOf(query), caller.organisation);
  }

  @Get('recall')
  @ApiOptionalQueries(RECALL_QUERY)
  @ApiOkResponse({
    description: 'Where the lot went and what it went into; hidden steps redacted',
    schema: RECALL_VIEW_SCHEMA,
  })
  recall(@Query() raw: RawQuery, @CurrentPrincipal() caller: Principal): Promise<RecallView> {
    const query = onlyOnce(raw, RECALL_QUERY);
    return this.traces.recall(lotOf(query), depthOf(query), caller.organisation);
  }

  @Get('fsma-204')
  @ApiOptionalQueries(FSMA_QUERY)
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description:
      'FSMA 204 sortable spreadsheet of the lot’s critical tracking events the caller may see',
    schema: TEXT_SCHEMA,
  })
  @Header('Content-Type', 'text/csv; charset=utf-8')
  fsma204(@Query() raw: RawQuery, @CurrentPrincipal() caller: Principal): Promise<string> {
    const query = onlyOnce(raw, FSMA_QUERY);
    return this.traces.fsma204(
      lotOf(query),
      dateOf(query, 'from'),
      dateOf(query, 'to'),
      depthOf(query),
      caller.organisation,
    );
  }
}

/**
 * The query as single values, refusing parameters the operation does not
 * know and repeated ones, so a typo never silently widens or narrows a recall.
 */
function onlyOnce(raw: RawQuery, known: readonly QueryParameter[]): Query {
  const query: Query = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!known.some((parameter) => parameter.name === name))
      throw badParameter(name, 'is not a parameter of this query');
    if (typeof value !== 'string') throw badParameter(name, 'must be given once');
    query[name] = value;
  }
  return query;
}

function subjectOf(query: Query): string {
  const { identifier, sscc } = query;
  const byLot = query.gtin !== undefined || query.lot !== undefined;
  if ([identifier !== undefined, sscc !== undefined, byLot].filter(Boolean).length !== 1) {
    throw badParameter('identifier', 'give one subject: identifier, sscc, or gtin and lot');
  }
  if (identifier !== undefined) {
    if (!IDENTIFIER.test(identifier)) throw badParameter('identifier', 'must be a URI');
    return identifier;
  }
  if (sscc !== undefined) {
    if (!/^\d{18}$/.test(sscc)) throw badParameter('sscc', 'must be 18 digits');
    return ssccDigitalLink(sscc);
  }
  return lotOf(query);
}

function lotOf(query: Query): string {
  const { gtin, lot } = query;
  if (!gtin || !/^\d{8}$|^\d{12,14}$/.test(gtin)) {
    throw badParameter('gtin', 'give gtin (8, 12, 13 or 14 digits) and lot, or an identifier');
  }
  if (!lot || !isValidLot(lot))
    throw badParameter('lot', "must be 1 to 20 characters of GS1's CSET 82");
  return lotDigitalLink(gtin, lot);
}

function depthOf(query: Query): number {
  if (query.maxDepth === undefined) return DEFAULT_DEPTH;
  const depth = Number(query.maxDepth);
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH) {
    throw badParameter('maxDepth', `must be an integer from 1 to ${MAX_DEPTH}`);
  }
  return depth;
}

function dateOf(query: Query, name: 'from' | 'to'): Date {
  const value = query[name];
  const date = value === undefined ? new Date(NaN) : new Date(value);
  if (value === undefined || !/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw badParameter(name, 'must be an ISO 8601 date or date-time');
  }
  return date;
}

function badParameter(name: string, detail: string): ProblemException {
  return new ProblemException(
    HttpStatus.BAD_REQUEST,
    `The query parameter ${name} ${detail}`,
    'about:blank',
    [{ pointer: `/${name}`, detail }],
  );
}
