import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { lotOfDigitalLink } from '@pujiang/epcis';
import { ProblemException } from '@pujiang/http';
import { DataSource } from 'typeorm';
import { EpcisVocabulary } from '../events/epcis-vocabulary';
import { FSMA_COLUMNS, FsmaEvent, fsmaRows, toCsv } from './domain/fsma-204';
import { RecallReport, recallReport } from './domain/recall';
import { TraceGraph, traceFrom } from './domain/trace';
import { TraceDirection, TraceEvent } from './domain/trace-graph';

type Json = Record<string, unknown>;

interface FsmaRow {
  event_id: string;
  event_type: string;
  event_time: Date;
  biz_step: string | null;
  location: string | null;
  document: Json;
}

@Injectable()
export class TraceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vocabulary: EpcisVocabulary,
  ) {}

  trace(identifier: string, direction: TraceDirection, maxDepth: number): Promise<TraceGraph> {
    return traceFrom(this.vocabulary.identifier(identifier), direction, maxDepth, (ids) =>
      this.eventsNaming(ids),
    );
  }

  async recall(lot: string, maxDepth: number): Promise<RecallReport> {
    const forward = await this.trace(lot, 'forward', maxDepth);
    return recallReport(forward.start, forward, new Date());
  }

  /** The lot's own events and those of everything it came from or went into, in the range. */
  async fsma204(lot: string, from: Date, to: Date, maxDepth: number): Promise<string> {
    if (!(from < to)) {
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'from must be before to', 'about:blank', [
        { pointer: '/from', detail: 'must be before to' },
      ]);
    }
    const [backward, forward] = await Promise.all([
      this.trace(lot, 'backward', maxDepth),
      this.trace(lot, 'forward', maxDepth),
    ]);
    const eventIDs = [...new Set([...backward.edges, ...forward.edges].map((e) => e.eventID))];
    const lots = [...backward.nodes, ...forward.nodes]
      .filter((n) => n.kind === 'identifier' && lotOfDigitalLink(n.id) !== undefined)
      .map((n) => n.id);
    const rows: FsmaRow[] = await this.dataSource.query(
      `SELECT event_id, event_type, event_time, biz_step,
                coalesce(biz_location, read_point) AS location, document
           FROM epcis_event
          WHERE event_id = ANY($1::text[]) AND event_time >= $2 AND event_time < $3
          ORDER BY event_time, seq`,
      [eventIDs, from.toISOString(), to.toISOString()],
    );
    const events = rows.map((row) => this.fsmaEvent(row));
    return toCsv([[...FSMA_COLUMNS], ...fsmaRows([...new Set(lots)], events)]);
  }

  private fsmaEvent(row: FsmaRow): FsmaEvent {
    const list = (field: string) =>
      Array.isArray(row.document[field]) ? (row.document[field] as Json[]) : [];
    const quantities = [
      'quantityList',
      'childQuantityList',
      'inputQuantityList',
      'outputQuantityList',
    ]
      .flatMap(list)
      .map((q) => ({
        epcClass: this.vocabulary.identifier(String(q.epcClass)),
        ...(typeof q.quantity === 'number' ? { quantity: q.quantity } : {}),
        ...(typeof q.uom === 'string' ? { uom: q.uom } : {}),
      }));
    const party = (field: string, key: string) => {
      const entry = list(field)[0];
      return typeof entry?.[key] === 'string' ? entry[key] : null;
    };
    return {
      eventID: row.event_id,
      eventType: row.event_type,
      eventTime: row.event_time.toISOString(),
      bizStep: row.biz_step,
      location: row.location,
      quantities,
      shipFrom: party('sourceList', 'source'),
      shipTo: party('destinationList', 'destination'),
      referenceDocuments: list('bizTransactionList').map((t) => ({
        type: typeof t.type === 'string' ? t.type : null,
        id: String(t.bizTransaction),
      })),
    };
  }

  private async eventsNaming(identifiers: string[]): Promise<TraceEvent[]> {
    const rows: {
      event_id: string;
      event_type: TraceEvent['eventType'];
      event_time: Date;
      action: string | null;
      biz_step: string | null;
      read_point: string | null;
      biz_location: string | null;
      anchor_status: string;
      identifiers: TraceEvent['identifiers'];
    }[] = await this.dataSource.query(
      `SELECT e.event_id, e.event_type, e.event_time, e.action, e.biz_step, e.read_point,
              e.biz_location, e.anchor_status,
              (SELECT json_agg(json_build_object('role', a.role, 'identifier', a.identifier))
                 FROM epcis_event_identifier a WHERE a.event_seq = e.seq) AS identifiers
         FROM epcis_event e
        WHERE e.seq IN (SELECT event_seq FROM epcis_event_identifier WHERE identifier = ANY($1::text[]))
        ORDER BY e.event_time, e.seq`,
      [identifiers],
    );
    return rows.map((row) => ({
      eventID: row.event_id,
      eventType: row.event_type,
      eventTime: row.event_time.toISOString(),
      action: row.action,
      bizStep: row.biz_step,
      readPoint: row.read_point,
      bizLocation: row.biz_location,
      identifiers: row.identifiers ?? [],
      anchored: row.anchor_status === 'anchored',
    }));
  }
}
