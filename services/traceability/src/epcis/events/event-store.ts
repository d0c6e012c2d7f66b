import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AnchorRequestedV1, EpcisEventCapturedV1, EventType, Topic } from '@pujiang/contracts';
import { EventHashContext, eventHashDigest } from '@pujiang/epcis';
import { Outbox, createCloudEvent } from '@pujiang/messaging';
import { EntityManager } from 'typeorm';
import { ReadingAttestations } from '../attestation/reading-attestations';
import { CandidateEvent } from '../capture/domain/capture-job';
import { IndexedEvent, storedIdentifiers } from './domain/indexed-event';

/** Who captured an event: the organisation and party of the bearer token, never of the body. */
export interface EventAuthor {
  organisation: string;
  party: string;
}

/** An event ready to be written: its identity, its index columns and the document to keep. */
export interface EventToStore extends CandidateEvent {
  indexed: IndexedEvent;
  document: Record<string, unknown>;
  /** What the hash was computed with (document @context, ignored fields); kept to recompute it. */
  context: EventHashContext;
  author: EventAuthor;
}

/**
 * Writes captured events, their identifiers and their anchor requests in the
 * caller's transaction, in two statements whatever the batch size: the events
 * with their identifiers, then the outbox messages.
 */
@Injectable()
export class EventStore {
  constructor(
    private readonly outbox: Outbox,
    private readonly attestations: ReadingAttestations,
  ) {}

  /** Which of these event hashes the repository already holds. */
  async storedHashes(manager: EntityManager, hashes: string[]): Promise<Set<string>> {
    const rows: { event_hash: string }[] = await manager.query(
      `SELECT event_hash FROM epcis_event WHERE event_hash = ANY($1::text[])`,
      [hashes],
    );
    return new Set(rows.map((row) => row.event_hash));
  }

  /**
   * Inserts the events; one that a concurrent capture stored first is skipped
   * (the hash is unique), so only events inserted here are sent for
   * anchoring. Returns the hashes of the events inserted.
   */
  async insert(
    manager: EntityManager,
    captureId: string,
    recordTime: Date,
    events: readonly EventToStore[],
  ): Promise<string[]> {
    if (events.length === 0) return [];
    const column = <T>(pick: (event: EventToStore) => T): T[] => events.map(pick);
    const byHash = new Map(events.map((event) => [event.eventHash, event]));
    const identifiers = [...byHash.values()].flatMap((event) =>
      storedIdentifiers(event.indexed).map((id) => ({
        ...id,
        eventHash: event.eventHash,
      })),
    );
    // One statement for the events and their identifiers: the identifier rows
    // take the seq of the event rows this statement inserted, and only theirs.
    const inserted: { seq: string; id: string; event_hash: string }[] = await manager.query(
      `WITH inserted AS (
         INSERT INTO epcis_event (id, event_hash, event_id, event_type, event_time, action,
            biz_step, disposition, read_point, biz_location, document, capturing_organisation,
            capturing_party, context, record_time, capture_id, anchor_status)
         SELECT u.*, $14::jsonb, $15::timestamptz, $16::uuid, 'pending'
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[],
                       $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::jsonb[],
                       $12::text[], $13::text[]) AS u
         ON CONFLICT DO NOTHING
         RETURNING seq, id, event_hash
       ), identifiers AS (
         INSERT INTO epcis_event_identifier (identifier, role, event_seq)
         SELECT u.identifier, u.role, inserted.seq
           FROM unnest($17::text[], $18::text[], $19::text[]) AS u (event_hash, identifier, role)
           JOIN inserted USING (event_hash)
       )
       SELECT seq, id, event_hash FROM inserted`,
      [
        column(() => randomUUID()),
        column((e) => e.eventHash),
        column((e) => e.eventID),
        column((e) => e.indexed.eventType),
        column((e) => e.indexed.eventTime.toISOString()),
        column((e) => e.indexed.action),
        column((e) => e.indexed.bizStep),
        column((e) => e.indexed.disposition),
        column((e) => e.indexed.readPoint),
        column((e) => e.indexed.bizLocation),
        column((e) => JSON.stringify(e.document)),
        column((e) => e.author.organisation),
        column((e) => e.author.party),
        JSON.stringify(events[0]?.context ?? null),
        recordTime.toISOString(),
        captureId,
        identifiers.map((i) => i.eventHash),
        identifiers.map((i) => i.identifier),
        identifiers.map((i) => i.role),
      ],
    );
    const attested = await this.attestations.record(
      manager,
      inserted.map((row) => ({
        eventHash: row.event_hash,
        document: (byHash.get(row.event_hash) as EventToStore).document,
      })),
    );
    await this.outbox.enqueue<AnchorRequestedV1 | EpcisEventCapturedV1>(
      manager,
      ...inserted.flatMap((row) => {
        // Inserted rows are a subset of the events given.
        const stored = byHash.get(row.event_hash) as EventToStore;
        const request: AnchorRequestedV1 = {
          itemId: row.id,
          digest: eventHashDigest(row.event_hash),
          organisation: stored.author.organisation,
        };
        const captured: EpcisEventCapturedV1 = {
          eventHash: row.event_hash,
          eventID: stored.eventID,
          eventTime: stored.indexed.eventTime.toISOString(),
          recordTime: recordTime.toISOString(),
          capturingOrganisation: stored.author.organisation,
          event: stored.document,
        };
        const attestations = attested.get(row.event_hash);
        if (attestations !== undefined) captured.attestations = attestations;
        return [
          {
            topic: Topic.anchorRequested,
            // One partition per capture: its events reach the ledger service in
            // one fetch, are queued in one transaction and so share a batch.
            key: captureId,
            event: createCloudEvent({
              id: `anchor-requested:${row.id}`,
              source: '/pujiang/traceability',
              type: EventType.anchorRequested,
              subject: row.event_hash,
              data: request,
            }),
          },
          {
            topic: Topic.eventCaptured,
            key: row.event_hash,
            event: createCloudEvent({
              id: `event-captured:${row.id}`,
              source: '/pujiang/traceability',
              type: EventType.eventCaptured,
              subject: row.event_hash,
              data: captured,
            }),
          },
        ];
      }),
    );
    return inserted.map((row) => row.event_hash);
  }

  /** The eventIDs the repository holds for these event hashes. */
  async storedEventIds(manager: EntityManager, hashes: string[]): Promise<Map<string, string>> {
    if (hashes.length === 0) return new Map();
    const rows: { event_hash: string; event_id: string }[] = await manager.query(
      `SELECT event_hash, event_id FROM epcis_event WHERE event_hash = ANY($1::text[])`,
      [hashes],
    );
    return new Map(rows.map((row) => [row.event_hash, row.event_id]));
  }
}
