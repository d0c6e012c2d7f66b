import { LEDGER_CLIENT_MIGRATIONS } from '@pujiang/ledger-client';
import { MESSAGING_MIGRATIONS } from '@pujiang/messaging';
import { TraceRecord1763880000200 } from './1763880000200-trace-record';
import { EpcisRepository1763880000201 } from './1763880000201-epcis-repository';
import { EventAuthorship1763880000202 } from './1763880000202-event-authorship';
import { AccessGrants1763880000203 } from './1763880000203-access-grants';
import { AnchoredBy1763880000204 } from './1763880000204-anchored-by';
import { DeviceAttestation1763880000210 } from './1763880000210-device-attestation';
import { QueryPatterns1763880000220 } from './1763880000220-query-patterns';
import { TypedParties1763880000221 } from './1763880000221-typed-parties';
import { NamedQueriesAndSubscriptions1763880000240 } from './1763880000240-named-queries-and-subscriptions';
import { MasterData1763880000250 } from './1763880000250-master-data';
import { ConsumerPageChanges1763880000260 } from './1763880000260-consumer-page-changes';
import { ScheduledSubscriptions1763880000270 } from './1763880000270-scheduled-subscriptions';
import { IdentifiersWithoutForeignKey1763880000271 } from './1763880000271-identifiers-without-foreign-key';
import { NoBatchIndex1763880000272 } from './1763880000272-no-batch-index';
import { IdentifiersInByteOrder1763880000285 } from './1763880000285-identifiers-in-byte-order';

/** The traceability database's migrations, in order; the service and the benchmarks run these. */
export const TRACEABILITY_MIGRATIONS = [
  ...MESSAGING_MIGRATIONS,
  // The checkpoint of the grants follower (sharing/access-grant-follower.ts).
  ...LEDGER_CLIENT_MIGRATIONS,
  TraceRecord1763880000200,
  EpcisRepository1763880000201,
  EventAuthorship1763880000202,
  AccessGrants1763880000203,
  AnchoredBy1763880000204,
  DeviceAttestation1763880000210,
  QueryPatterns1763880000220,
  TypedParties1763880000221,
  NamedQueriesAndSubscriptions1763880000240,
  MasterData1763880000250,
  ConsumerPageChanges1763880000260,
  ScheduledSubscriptions1763880000270,
  IdentifiersWithoutForeignKey1763880000271,
  NoBatchIndex1763880000272,
  IdentifiersInByteOrder1763880000285,
];
