import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DeviceRecord, ReadingAttestation } from '@pujiang/contracts';
import { attestEvent, detachedSignatureOf, signatureDigest } from '@pujiang/device-attestation';
import { DataSource, EntityManager } from 'typeorm';
import { DeviceRegistryStore } from './device-registry.store';

/** GET /events/{eventID}/attestation. */
export interface AttestationView {
  eventID: string;
  eventHash: string;
  readings: ReadingAttestation[];
}

/** An event being stored, as attestation needs it. */
export interface EventToAttest {
  eventHash: string;
  document: Record<string, unknown>;
}

/**
 * Judges the signed readings of events being captured, in the capture's own
 * transaction, against the registry read model as it stood at each reading's
 * time (decision 0017), and records each verdict. Events without sensor
 * elements have nothing to judge and cost one array check.
 */
@Injectable()
export class ReadingAttestations {
  constructor(
    private readonly registry: DeviceRegistryStore,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async record(
    manager: EntityManager,
    events: readonly EventToAttest[],
  ): Promise<Map<string, ReadingAttestation[]>> {
    const verdicts = new Map<string, ReadingAttestation[]>();
    const judged = events.filter((e) => Array.isArray(e.document['sensorElementList']));
    if (judged.length === 0) return verdicts;
    // One query each for the batch: the signatures already captured, and the devices named.
    const seenEarlier = await capturedSignatures(manager, judged);
    const devices = new Map<string, Promise<DeviceRecord | undefined>>();
    const device = (deviceId: string) => {
      const found = devices.get(deviceId) ?? this.registry.find(deviceId, manager);
      devices.set(deviceId, found);
      return found;
    };
    // Signatures of this batch count as seen too: a replay inside one capture is still one.
    const seenNow = new Set<string>();
    for (const event of judged) {
      const attestations = await attestEvent(event.document, {
        device,
        seenBefore: (digest) => Promise.resolve(seenNow.has(digest) || seenEarlier.has(digest)),
      });
      for (const a of attestations) {
        if (a.signatureDigest !== undefined) seenNow.add(a.signatureDigest);
      }
      verdicts.set(event.eventHash, attestations);
    }
    const rows = [...verdicts].flatMap(([hash, list]) => list.map((a) => ({ hash, a })));
    if (rows.length > 0) {
      await manager.query(
        `INSERT INTO reading_attestation (event_hash, element_index, verdict, reason, device_id,
            owner_msp_id, kid, signature_digest)
         SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[],
            $6::text[], $7::text[], $8::text[])`,
        [
          rows.map((r) => r.hash),
          rows.map((r) => r.a.element),
          rows.map((r) => r.a.verdict),
          rows.map((r) => r.a.reason),
          rows.map((r) => r.a.deviceId ?? null),
          rows.map((r) => r.a.ownerMspId ?? null),
          rows.map((r) => r.a.kid ?? null),
          rows.map((r) => r.a.signatureDigest ?? null),
        ],
      );
    }
    return verdicts;
  }

  /** The verdicts recorded for one stored event, in sensorElement order. */
  async ofEvent(eventHash: string): Promise<ReadingAttestation[]> {
    return (await this.ofEvents([eventHash])).get(eventHash) ?? [];
  }

  /** The verdicts recorded for stored events, by event hash. */
  async ofEvents(eventHashes: readonly string[]): Promise<Map<string, ReadingAttestation[]>> {
    const rows: {
      event_hash: string;
      element_index: number;
      verdict: ReadingAttestation['verdict'];
      reason: string;
      device_id: string | null;
      owner_msp_id: string | null;
      kid: string | null;
    }[] = await this.dataSource.query(
      `SELECT * FROM reading_attestation WHERE event_hash = ANY($1::text[])
        ORDER BY event_hash, element_index`,
      [eventHashes],
    );
    const byHash = new Map<string, ReadingAttestation[]>();
    for (const row of rows) {
      const list = byHash.get(row.event_hash) ?? [];
      list.push({
        element: row.element_index,
        verdict: row.verdict,
        reason: row.reason,
        ...(row.device_id === null ? {} : { deviceId: row.device_id }),
        ...(row.owner_msp_id === null ? {} : { ownerMspId: row.owner_msp_id }),
        ...(row.kid === null ? {} : { kid: row.kid }),
      });
      byHash.set(row.event_hash, list);
    }
    return byHash;
  }
}

/** Which of the batch's signatures earlier captures recorded. */
async function capturedSignatures(
  manager: EntityManager,
  events: readonly EventToAttest[],
): Promise<Set<string>> {
  const digests = events.flatMap((event) =>
    (event.document['sensorElementList'] as unknown[]).flatMap((element) => {
      const jws =
        typeof element === 'object' && element !== null
          ? detachedSignatureOf(element as Record<string, unknown>)
          : undefined;
      return jws === undefined || 'problem' in jws ? [] : [signatureDigest(jws.signature)];
    }),
  );
  if (digests.length === 0) return new Set();
  const rows: { signature_digest: string }[] = await manager.query(
    `SELECT DISTINCT signature_digest FROM reading_attestation
      WHERE signature_digest = ANY($1::text[])`,
    [digests],
  );
  return new Set(rows.map((row) => row.signature_digest));
}
