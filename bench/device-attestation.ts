/**
 * Machine identity's cost (npm run bench:devices; needs the stack's PostgreSQL).
 * 1. Verification per reading, in process: a signed sensorElement judged
 *    against an in-memory registry record (canonical form, JWS check, key,
 *    status and attachment at the reading's time), ES256 and EdDSA, next to
 *    the canonical form alone.
 * 2. Capture throughput of the real traceability service (throw-away schema,
 *    real migrations, bearer tokens on): documents of 100 reefer events whose
 *    readings are signed by a device in the registry read model, against the
 *    same events unsigned, in the same run, alternating rounds so the machine's
 *    load falls on both alike. Every event is stored and judged in both cases.
 *   BENCH_DOCUMENTS (40 per round), BENCH_ROUNDS (3), BENCH_CONCURRENCY (4),
 *   BENCH_READINGS (2000)
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DevicePublicJwk, DeviceRecord } from '@pujiang/contracts';
import {
  SIGNATURE_MEMBER,
  attestSensorElement,
  epcisDocument,
  jwkThumbprint,
  signedContent,
  simulateReefer,
} from '@pujiang/device-attestation';
import { exportJWK, generateKeyPair } from 'jose';
import { figure, fmt, machineHeader } from './support/machine';
import { startTraceability } from './support/traceability-service';

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 40);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const READINGS = Number(process.env.BENCH_READINGS ?? 2000);
const PER_DOCUMENT = 100;
const MINUTE = 60_000;

const out = (...lines: string[]) => process.stdout.write(`${lines.join('\n')}\n`);
type Json = Record<string, unknown>;

async function reeferDevice(alg: 'ES256' | 'EdDSA', container: string) {
  const pair = await generateKeyPair(alg, { crv: alg === 'EdDSA' ? 'Ed25519' : undefined });
  const jwk = (await exportJWK(pair.publicKey)) as DevicePublicJwk;
  const kid = jwkThumbprint(jwk);
  const deviceId = `urn:epc:id:giai:4012345.BENCH-${randomBytes(4).toString('hex')}`;
  const since = new Date(Date.now() - 400 * 24 * 60 * MINUTE).toISOString();
  const record: DeviceRecord = {
    deviceId,
    ownerMspId: 'Org1MSP',
    kind: 'REEFER_CONTROLLER',
    model: 'bench',
    status: 'ACTIVE',
    statuses: [{ status: 'ACTIVE', from: since }],
    keys: [{ kid, alg, jwk, validFrom: since }],
    attachments: [{ assetKind: 'CONTAINER', asset: container, from: since }],
    history: [{ action: 'REGISTER', at: since, txId: 'bench', by: 'Org1MSP::bench' }],
  };
  return { record, key: { privateKey: pair.privateKey, kid, alg } };
}

/** `count` readings a minute apart, ending a minute ago, from the device on the container. */
async function signedEvents(
  device: Awaited<ReturnType<typeof reeferDevice>>,
  container: string,
  count: number,
  endMinutesAgo: number,
): Promise<Json[]> {
  const to = new Date(Date.now() - endMinutesAgo * MINUTE);
  return simulateReefer(
    {
      deviceId: device.record.deviceId,
      container,
      from: new Date(to.getTime() - (count - 1) * MINUTE),
      to,
      everyMinutes: 1,
      celsius: 5,
    },
    device.key,
  );
}

async function verificationCost(): Promise<void> {
  out('', '## Verification per reading (in process, one core)');
  for (const alg of ['ES256', 'EdDSA'] as const) {
    const device = await reeferDevice(alg, 'CSQU3054383');
    const events = await signedEvents(device, 'CSQU3054383', READINGS, 1);
    const context = {
      device: () => Promise.resolve(device.record),
      seenBefore: () => Promise.resolve(false),
    };
    const t0 = performance.now();
    for (const event of events) {
      const verdict = await attestSensorElement(event, 0, context);
      if (verdict.verdict !== 'ATTESTED') throw new Error(`bench reading ${verdict.verdict}`);
    }
    const judged = (performance.now() - t0) / events.length;
    const t1 = performance.now();
    for (const event of events) signedContent((event.sensorElementList as Json[])[0]);
    const canonical = (performance.now() - t1) / events.length;
    out(
      figure(
        `${alg}: judge one signed reading`,
        `${fmt(judged * 1000)} µs`,
        `canonical form alone ${fmt(canonical * 1000, 1)} µs; ${fmt(1000 / judged)} readings/s per core`,
      ),
    );
  }
}

async function captureThroughput(): Promise<void> {
  out('', `## Capture of documents of ${PER_DOCUMENT} reefer events, signed vs unsigned`);
  const service = await startTraceability(4 * 1024 * 1024, 'bearer');
  try {
    const container = 'CSQU3054383';
    const device = await reeferDevice('ES256', container);
    // The read model as the follower would have filled it from the ledger.
    await service.db.query(
      `INSERT INTO device (device_id, owner_msp_id, changes, record) VALUES ($1, 'Org1MSP', 1, $2)`,
      [device.record.deviceId, JSON.stringify(device.record)],
    );
    const documentsOf = async (round: number, signed: boolean) => {
      const documents: Json[] = [];
      for (let d = 0; d < DOCUMENTS; d++) {
        // Distinct readings per document, round and kind, so nothing is a duplicate or a replay.
        const offset = 2 + ((round * 2 + (signed ? 0 : 1)) * DOCUMENTS + d) * PER_DOCUMENT;
        const events = await signedEvents(device, container, PER_DOCUMENT, offset);
        if (!signed) {
          for (const event of events) {
            for (const element of event.sensorElementList as Json[])
              delete element[SIGNATURE_MEMBER];
          }
        }
        documents.push(epcisDocument(events));
      }
      return documents;
    };
    const post = async (documents: Json[]): Promise<number> => {
      let next = 0;
      const t0 = performance.now();
      const worker = async () => {
        for (let i = next++; i < documents.length; i = next++) {
          const res = await fetch(`${service.url}/capture`, {
            method: 'POST',
            headers: { ...service.clientHeaders, 'content-type': 'application/ld+json' },
            body: JSON.stringify(documents[i]),
          });
          const job = (await res.json()) as { capturedCount?: number };
          if (res.status !== 202 || job.capturedCount !== PER_DOCUMENT) {
            throw new Error(`capture answered ${res.status} ${JSON.stringify(job)}`);
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      return (documents.length * PER_DOCUMENT) / ((performance.now() - t0) / 1000);
    };
    const rates = { signed: [] as number[], unsigned: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      const unsigned = await documentsOf(round, false);
      const signed = await documentsOf(round, true);
      rates.unsigned.push(await post(unsigned));
      rates.signed.push(await post(signed));
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const verdicts = await service.db.query<{ verdict: string; n: string }>(
      `SELECT verdict, count(*) AS n FROM reading_attestation GROUP BY verdict ORDER BY verdict`,
    );
    out(
      figure(
        'unsigned sensor events',
        `${fmt(mean(rates.unsigned))} events/s`,
        `rounds ${rates.unsigned.map((r) => fmt(r)).join(', ')}`,
      ),
      figure(
        'signed sensor events (ES256), judged',
        `${fmt(mean(rates.signed))} events/s`,
        `rounds ${rates.signed.map((r) => fmt(r)).join(', ')}; ${fmt((mean(rates.signed) / mean(rates.unsigned)) * 100, 1)} % of unsigned`,
      ),
      figure(
        'verdicts recorded',
        verdicts.rows.map((r) => `${r.verdict} ${r.n}`).join(', '),
        `concurrency ${CONCURRENCY}, ${DOCUMENTS} documents per round and kind`,
      ),
    );
  } finally {
    await service.stop();
  }
}

async function main(): Promise<void> {
  out(machineHeader('Signed sensor readings: verification and capture (issue 17)'));
  await verificationCost();
  await captureThroughput();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
