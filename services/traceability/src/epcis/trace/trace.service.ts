import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { lotOfDigitalLink } from '@pujiang/epcis';
import { ProblemException } from '@pujiang/http';
import { DataSource } from 'typeorm';
import { ProofChecks, RedactedProof } from '../anchoring/proof-checks';
import { EpcisVocabulary } from '../events/epcis-vocabulary';
import { AccessGrantStore } from '../sharing/access-grant.store';
import { mayView } from '../sharing/domain/visibility';
import { FSMA_COLUMNS, FsmaEvent, fsmaRows, toCsv } from './domain/fsma-204';
import { RecallReport, recallReport } from './domain/recall';
import { RedactedStep, VisibleTrace, redactTrace } from './domain/redaction';
import { TraceGraph, traceFrom } from './domain/trace';
import { TraceDirection, TraceEvent } from './domain/trace-graph';
import { TraceConfig } from './trace.config';

type Json = Record<string, unknown>;

/**
 * A step the caller may not see, with the proof that it is anchored all the
 * same; null when the ledger could not be asked (the trace is still served).
 */
export type ProvedStep = RedactedStep & { proof: RedactedProof | null };
export type TraceView = Omit<VisibleTrace, 'redacted'> & { redacted: ProvedStep[] };
export type RecallView = Omit<RecallReport, 'redactedSteps'> & { redactedSteps: ProvedStep[] };

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
    private readonly grants: AccessGrantStore,
    private readonly proofs: ProofChecks,
    private readonly config: TraceConfig,
  ) {}

  /**
   * The trace as `viewer` (an MSP id, or PUBLIC) may see it. The walk goes
   * through every event, hidden ones included, so that what lies beyond a
   * hidden step is reached; the hidden steps are then redacted.
   */
  async walk(
    identifier: string,
    direction: TraceDirection,
    maxDepth: number,
    viewer: string,
  ): Promise<VisibleTrace> {
    return (await this.walkReaching(identifier, direction, maxDepth, viewer)).visible;
  }

  /**
   * The walk as `viewer` sees it, and what it went through to get there,
   * hidden steps included (for the consumer page's cache to know which
   * captures change it; never shown to anyone).
   */
  async walkReaching(
    identifier: string,
    direction: TraceDirection,
    maxDepth: number,
    viewer: string,
  ): Promise<{ visible: VisibleTrace; reached: TraceGraph }> {
    const at = new Date();
    const grants = await this.grants.grantsTo(viewer, at);
    const hidden = new Map<string, string>();
    const graph = await traceFrom(
      this.vocabulary.identifier(identifier),
      direction,
      maxDepth,
      this.config.TRACE_MAX_LEVEL_EVENTS,
      async (ids, limit) => {
        const events = await this.eventsNaming(ids, limit);
        for (const event of events) {
          const authored = {
            capturingOrganisation: event.capturingOrganisation,
            identifiers: event.identifiers.map((i) => i.identifier),
          };
          if (!mayView(viewer, authored, grants, at.toISOString())) {
            hidden.set(event.eventHash, event.capturingOrganisation);
          }
        }
        return events;
      },
    );
    return { visible: redactTrace(graph, hidden), reached: graph };
  }

  async trace(
    identifier: string,
    direction: TraceDirection,
    maxDepth: number,
    viewer: string,
  ): Promise<TraceView> {
    const graph = await this.walk(identifier, direction, maxDepth, viewer);
    return { ...graph, redacted: await this.proved(graph.redacted) };
  }

  async recall(lot: string, maxDepth: number, viewer: string): Promise<RecallView> {
    const forward = await this.walk(lot, 'forward', maxDepth, viewer);
    const report = recallReport(forward.start, forward, new Date());
    return { ...report, redactedSteps: await this.proved(report.redactedSteps) };
  }

  private proved(steps: readonly RedactedStep[]): Promise<ProvedStep[]> {
    return Promise.all(
      steps.map(async (step) => ({ ...step, proof: await this.proofOrNone(step.eventHash) })),
    );
  }

  /** A ledger that cannot be reached leaves a hidden step unproved, not the trace unserved. */
  private async proofOrNone(eventHash: string): Promise<RedactedProof | null> {
    try {
      return await this.proofs.redactedCheck(eventHash);
    } catch (error) {
      if (
        error instanceof ProblemException &&
        error.getStatus() === Number(HttpStatus.SERVICE_UNAVAILABLE)
      )
        return null;
      throw error;
    }
  }

  /**
   * The lot's own events and those of everything it came from or went into,
   * in the range: only those `viewer` may see (a redacted step has no row).
   */
  async fsma204(
    lot: string,
    from: Date,
    to: Date,
    maxDepth: number,
    viewer: string,
  ): Promise<string> {
    if (!(from < to)) {
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'from must be before to', 'about:blank', [
        { pointer: '/from', detail: 'must be before to' },
      ]);
    }
    const [backward, forward] = await Promise.all([
      this.walk(lot, 'backward', maxDepth, viewer),
      this.walk(lot, 'forward', maxDepth, viewer),
    ]);
    const hashes = [...new Set([...backward.edges, ...forward.edges].map((e) => e.eventHash))];
    const lots = [...backward.nodes, ...forward.nodes]
      .filter((n) => n.kind === 'identifier' && lotOfDigitalLink(n.id) !== undefined)
      .map((n) => n.id);
    const rows: FsmaRow[] = await this.dataSource.query(
      `SELECT event_id, event_type, event_time, biz_step,
                coalesce(biz_location, read_point) AS location, document
           FROM epcis_event
          WHERE event_hash = ANY($1::text[]) AND event_time >= $2 AND event_time < $3
          ORDER BY event_time, seq`,
      [hashes, from.toISOString(), to.toISOString()],
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

  private async eventsNaming(identifiers: string[], limit: number): Promise<TraceEvent[]> {
    const rows: {
      event_id: string;
      event_hash: string;
      capturing_organisation: string;
      event_type: TraceEvent['eventType'];
      event_time: Date;
      action: string | null;
      biz_step: string | null;
      read_point: string | null;
      biz_location: string | null;
      anchor_status: string;
      identifiers: TraceEvent['identifiers'];
    }[] = await this.dataSource.query(
      `SELECT e.event_id, e.event_hash, e.capturing_organisation, e.event_type, e.event_time, e.action, e.biz_step, e.read_point,
              e.biz_location, e.anchor_status,
              (SELECT json_agg(json_build_object('role', a.role, 'identifier', a.identifier))
                 FROM epcis_event_identifier a WHERE a.event_seq = e.seq) AS identifiers
         FROM epcis_event e
        WHERE e.seq IN (SELECT event_seq FROM epcis_event_identifier WHERE identifier = ANY($1::text[]))
        ORDER BY e.event_time, e.seq
        LIMIT $2`,
      [identifiers, limit],
    );
    return rows.map((row) => ({
      eventID: row.event_id,
      eventHash: row.event_hash,
      capturingOrganisation: row.capturing_organisation,
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
