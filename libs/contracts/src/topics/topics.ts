/**
 * Every Kafka topic of the platform, versioned in its name. Producers,
 * consumers and the stack's topic provisioning all read this list, so it
 * documents the whole message topology.
 */
export const Topic = {
  /** traceability → ledger: anchor these digests on the ledger. */
  anchorRequested: 'pujiang.ledger.anchor-requested.v1',
  /** ledger → requesting contexts: a batch is committed (tx id, block). */
  anchorCommitted: 'pujiang.ledger.anchor-committed.v1',
  /** traceability → any context: an EPCIS event was stored (once per event hash). */
  eventCaptured: 'pujiang.traceability.event-captured.v1',
  /** vessels → any context: a vessel's ledger record changed (the whole VesselRecord). */
  vesselChanged: 'pujiang.vessels.vessel-changed.v1',
  /** AIS gateway → vessels (positions): NMEA AIVDM sentences of one report, as received. */
  aisReceived: 'pujiang.vessels.ais-received.v1',
  /** ebl → any context: an eBL's ledger state changed (status, never the parties). */
  eblChanged: 'pujiang.ebl.ebl-changed.v1',
  /** claims → any context: a claim's ledger status changed, with its time bars (never an amount). */
  claimChanged: 'pujiang.claims.claim-changed.v1',
  /** vessels → any context (claims' delay covers): a voyage event is committed on the ledger. */
  voyageEventRecorded: 'pujiang.vessels.voyage-event-recorded.v1',
} as const;

export type Topic = (typeof Topic)[keyof typeof Topic];

/** CloudEvents `type` of each topic's messages. */
export const EventType = {
  anchorRequested: 'dev.pujiang.ledger.anchor-requested.v1',
  anchorCommitted: 'dev.pujiang.ledger.anchor-committed.v1',
  eventCaptured: 'dev.pujiang.traceability.event-captured.v1',
  vesselChanged: 'dev.pujiang.vessels.vessel-changed.v1',
  aisReceived: 'dev.pujiang.vessels.ais-received.v1',
  eblChanged: 'dev.pujiang.ebl.ebl-changed.v1',
  claimChanged: 'dev.pujiang.claims.claim-changed.v1',
  voyageEventRecorded: 'dev.pujiang.vessels.voyage-event-recorded.v1',
} as const;

export function deadLetterTopic(topic: Topic): string {
  return `${topic}.dlq`;
}

export interface TopicSpec {
  name: string;
  partitions: number;
  /** Retention in ms; -1 keeps records for ever. */
  retentionMs: number;
}

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** What the stack (and, in production, the KafkaTopic resources) must provision. */
export const TOPIC_SPECS: readonly TopicSpec[] = Object.values(Topic).flatMap((name) => [
  { name, partitions: 6, retentionMs: WEEK_MS },
  { name: deadLetterTopic(name), partitions: 1, retentionMs: -1 },
]);
