import { Controller, Get, Header, HttpStatus, Query } from '@nestjs/common';
import { ProblemException } from '@pujiang/http';
import { RecallReport } from './domain/recall';
import { TraceGraph } from './domain/trace';
import { TraceService } from './trace.service';

const DEFAULT_DEPTH = 16;
const MAX_DEPTH = 64;

/**
 * Trace and recall. The subject is an `identifier` (EPC URN or GS1 Digital
 * Link: an item, an SSCC, a lot), or a lot as `gtin` + `lot`, or an `sscc`.
 */
@Controller()
export class TraceController {
  constructor(private readonly traces: TraceService) {}

  @Get('trace')
  trace(@Query() query: Record<string, string | undefined>): Promise<TraceGraph> {
    const direction = query.direction ?? 'backward';
    if (direction !== 'backward' && direction !== 'forward') {
      throw badParameter('direction', 'must be backward or forward');
    }
    return this.traces.trace(subjectOf(query), direction, depthOf(query));
  }

  @Get('recall')
  recall(@Query() query: Record<string, string | undefined>): Promise<RecallReport> {
    return this.traces.recall(lotOf(query), depthOf(query));
  }

  @Get('fsma-204')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  fsma204(@Query() query: Record<string, string | undefined>): Promise<string> {
    return this.traces.fsma204(
      lotOf(query),
      dateOf(query, 'from'),
      dateOf(query, 'to'),
      depthOf(query),
    );
  }
}

function subjectOf(query: Record<string, string | undefined>): string {
  if (query.identifier) return query.identifier;
  if (query.sscc) {
    if (!/^\d{18}$/.test(query.sscc)) throw badParameter('sscc', 'must be 18 digits');
    return `https://id.gs1.org/00/${query.sscc}`;
  }
  return lotOf(query);
}

function lotOf(query: Record<string, string | undefined>): string {
  const { gtin, lot } = query;
  if (!gtin || !/^\d{8}$|^\d{12,14}$/.test(gtin)) {
    throw badParameter('gtin', 'give gtin (8, 12, 13 or 14 digits) and lot, or an identifier');
  }
  if (!lot || lot.length > 20) throw badParameter('lot', 'must be 1 to 20 characters');
  return `https://id.gs1.org/01/${gtin.padStart(14, '0')}/10/${encodeURIComponent(lot)}`;
}

function depthOf(query: Record<string, string | undefined>): number {
  if (query.maxDepth === undefined) return DEFAULT_DEPTH;
  const depth = Number(query.maxDepth);
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH) {
    throw badParameter('maxDepth', `must be an integer from 1 to ${MAX_DEPTH}`);
  }
  return depth;
}

function dateOf(query: Record<string, string | undefined>, name: 'from' | 'to'): Date {
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
