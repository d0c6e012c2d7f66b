import { randomBytes, randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Principal } from '@pujiang/auth';
import { Topic } from '@pujiang/contracts';
import { EPCIS_CONTEXT } from '@pujiang/epcis';
import { AppModule as LedgerApp } from '../../services/ledger/src/app.module';
import { AppModule as SupervisionApp } from '../../services/supervision/src/app.module';
import { AppModule as TraceabilityApp } from '../../services/traceability/src/app.module';
import { CarrierSystem } from '../support/carrier-system';
import { issueToShipper } from '../support/ebl-issuance';
import { EblWorld, startEblWorld } from '../support/ebl-platforms';
import { TopicProbe, eventually, testKafka } from '../support/kafka-probe';
import { startService } from '../support/running-service';
import { sleep } from '../support/sleep';
import { ORG1_PACKER, bearer } from '../support/stack-tokens';

const RUN = randomBytes(3).toString('hex');
const GTIN = '09520123456788';
const LOT = `SV${RUN}`;
const REGULATOR: Principal = {
  organisation: 'RegulatorMSP',
  party: 'inspector',
  roles: ['supervisor'],
};
const ORG1_COMPLIANCE: Principal = {
  organisation: 'Org1MSP',
  party: 'compliance',
  roles: ['supervision:respondent'],
};
type Json = Record<string, unknown>;

/**
 * A chilled lot in cold storage at Org1, its logger reading 9.5 °C: above the
 * 0–5 °C it must keep. `minute` makes each capture a different event (the
 * event hash leaves the eventID out).
 */
function warmStorage(eventID: string, minute = 0): Json {
  return {
    '@context': [EPCIS_CONTEXT],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: new Date().toISOString(),
    epcisBody: {
      eventList: [
        {
          type: 'ObjectEvent',
          eventID,
          eventTime: `2026-11-28T09:${String(minute).padStart(2, '0')}:00.000+01:00`,
          eventTimeZoneOffset: '+01:00',
          action: 'OBSERVE',
          bizStep: 'storing',
          epcList: [],
          quantityList: [
            { epcClass: `urn:epc:class:lgtin:952012.0345678.${LOT}`, quantity: 40, uom: 'KGM' },
          ],
          readPoint: { id: 'urn:epc:id:sgln:952012.00001.0' },
          sensorElementList: [
            {
              sensorMetadata: { time: '2026-11-28T08:45:00.000Z' },
              sensorReport: [{ type: 'gs1:Temperature', value: 9.5, uom: 'CEL' }],
            },
          ],
        },
      ],
    },
  };
}

/** The value of `pujiang_supervision_findings` for a monitor and organisation (0 without the series). */
function findings(exposition: string, monitor: string, organisation: string): number {
  const line = exposition
    .split('\n')
    .find((l) =>
      l.startsWith(
        `pujiang_supervision_findings{monitor="${monitor}",organisation="${organisation}"}`,
      ),
    );
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
}

/**
 * The regulator's view on the real stack (issue 20): it asks Org1 for a
 * lot's FSMA 204 records and sees one answer in time and one late; a cold
 * reading out of range captured through traceability's REST API shows on
 * /supervision and in /metrics; it reads an anchored batch and an eBL from
 * the ledger itself; and nobody else may do any of it.
 */
describe('supervision: the regulator across the platform', () => {
  let ledger: { app: NestFastifyApplication; url: string };
  let traceability: { app: NestFastifyApplication; url: string };
  let supervision: { app: NestFastifyApplication; url: string };
  const carrier = new CarrierSystem();
  let world: EblWorld;
  const eblChanges = new TopicProbe(testKafka(), Topic.eblChanged);

  beforeAll(async () => {
    process.env.SUPERVISION_COLD_CHAIN_RANGES = `${GTIN}=0..5`;
    ledger = await startService('ledger', LedgerApp);
    traceability = await startService('traceability', TraceabilityApp);
    supervision = await startService('supervision', SupervisionApp);
    world = await startEblWorld(await carrier.start());
    await eblChanges.start();
  });

  afterAll(async () => {
    await eblChanges.stop();
    await world?.stop();
    await carrier.stop();
    await supervision?.app.close();
    await traceability?.app.close();
    await ledger?.app.close();
    delete process.env.SUPERVISION_COLD_CHAIN_RANGES;
  });

  const asRegulator = async (path: string, init: RequestInit = {}) =>
    fetch(`${supervision.url}${path}`, {
      ...init,
      headers: {
        ...(await bearer(REGULATOR)),
        'content-type': 'application/json',
        ...init.headers,
      },
    });

  async function ask(respondBy?: string): Promise<Json> {
    const res = await asRegulator('/fsma-requests', {
      method: 'POST',
      body: JSON.stringify({
        organisation: 'Org1MSP',
        gtin: GTIN,
        lot: LOT,
        from: '2026-11-01T00:00:00Z',
        to: '2026-12-31T00:00:00Z',
        ...(respondBy === undefined ? {} : { respondBy }),
      }),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as Json;
  }

  /** Org1 answers with the spreadsheet traceability writes for its own caller. */
  async function answer(requestId: string): Promise<Json> {
    const spreadsheet = await (
      await fetch(
        `${traceability.url}/fsma-204?gtin=${GTIN}&lot=${LOT}&from=2026-11-01&to=2026-12-31`,
        { headers: await bearer(ORG1_PACKER) },
      )
    ).text();
    const res = await fetch(`${supervision.url}/fsma-requests/${requestId}/answer`, {
      method: 'PUT',
      headers: { ...(await bearer(ORG1_COMPLIANCE)), 'content-type': 'application/json' },
      body: JSON.stringify({ spreadsheet }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Json;
  }

  it('flags a cold-chain breach captured through traceability, on the page and in the metrics', async () => {
    const before = findings(
      await (await fetch(`${supervision.url}/metrics`)).text(),
      'cold-chain-breach',
      'Org1MSP',
    );
    const eventID = `urn:uuid:${randomUUID()}`;
    const captured = await fetch(`${traceability.url}/capture`, {
      method: 'POST',
      headers: { ...(await bearer(ORG1_PACKER)), 'content-type': 'application/ld+json' },
      body: JSON.stringify(warmStorage(eventID)),
    });
    expect(captured.status).toBe(202);

    const page = await eventually(
      async () => {
        const html = await (await asRegulator('/supervision')).text();
        return html.includes(`/10/${LOT}`) ? html : undefined;
      },
      'the breach on /supervision',
      60_000,
    );
    expect(page).toContain('9.5 °C');
    expect(page).toContain('0 °C – 5 °C');
    // A scrape reuses the monitors' findings of the last second (monitor-metrics.ts).
    const metrics = await eventually(
      async () => {
        const text = await (await fetch(`${supervision.url}/metrics`)).text();
        return findings(text, 'cold-chain-breach', 'Org1MSP') > before ? text : undefined;
      },
      'the breach in /metrics',
      10_000,
    );
    expect(findings(metrics, 'cold-chain-breach', 'Org1MSP')).toBe(before + 1);
    expect(metrics).toMatch(
      /pujiang_supervision_anchoring_(lag|pending_oldest)_seconds\{organisation="Org1MSP"\}/,
    );
  });

  it('tracks an FSMA 204 request answered within its deadline, and flags a late one', async () => {
    const inTime = await ask();
    expect(Date.parse(inTime.respondBy as string) - Date.parse(inTime.requestedAt as string)).toBe(
      24 * 3600_000,
    );
    const answered = await answer(inTime.requestId as string);
    expect(answered).toMatchObject({ standing: 'ANSWERED_ON_TIME', flagged: false });
    expect((answered.answer as { records: number }).records).toBeGreaterThanOrEqual(1);
    const kept = await (
      await asRegulator(`/fsma-requests/${inTime.requestId as string}/spreadsheet`)
    ).text();
    expect(kept).toContain(LOT);

    const hurried = await ask(new Date(Date.now() + 2000).toISOString());
    await sleep(2500);
    const overdue = (await (
      await asRegulator(`/fsma-requests/${hurried.requestId as string}`)
    ).json()) as Json;
    expect(overdue).toMatchObject({ standing: 'OVERDUE', flagged: true });
    expect(await answer(hurried.requestId as string)).toMatchObject({
      standing: 'ANSWERED_LATE',
      flagged: true,
    });

    const html = await (await asRegulator('/supervision')).text();
    expect(html).toContain('Answered late');
    expect(html).toContain('Answered in time');
  });

  it('reads anchored records and eBLs from the ledger itself, as its configured identity', async () => {
    const packer = await bearer(ORG1_PACKER);
    const eventID = `urn:uuid:${randomUUID()}`;
    await fetch(`${traceability.url}/capture`, {
      method: 'POST',
      headers: { ...packer, 'content-type': 'application/ld+json' },
      body: JSON.stringify(warmStorage(eventID, 30)),
    });
    const proof = await eventually(
      async () => {
        const view = (await (
          await fetch(`${traceability.url}/events/${encodeURIComponent(eventID)}/proof`, {
            headers: packer,
          })
        ).json()) as {
          verified?: boolean;
          anchor?: { batchId: string; merkleRoot: string; txId: string };
        };
        return view.verified === true ? view.anchor : undefined;
      },
      'the event anchored',
      60_000,
    );

    const batch = await asRegulator(
      `/ledger/traceability/batches/Org1MSP/${encodeURIComponent(proof.batchId)}`,
    );
    expect(batch.status).toBe(200);
    expect(await batch.json()).toMatchObject({
      domain: 'traceability',
      readAs: 'RegulatorMSP',
      record: { merkleRoot: proof.merkleRoot, txId: proof.txId, submitterMspId: 'Org1MSP' },
    });

    const reference = `SUP${RUN.toUpperCase()}`;
    expect((await issueToShipper(world, reference, true)).status).toBe(204);
    const bill = await asRegulator(`/ledger/ebls/${world.pja.mspId}/${reference}`);
    expect(bill.status).toBe(200);
    expect(await bill.json()).toMatchObject({
      domain: 'ebl',
      readAs: 'RegulatorMSP',
      record: { transportDocumentReference: reference, status: 'ISSUED' },
    });
    // The platform announced the issuance on ebl.changed (state only, for the monitors).
    const announced = await eventually(
      () =>
        eblChanges.messages
          .map((m) => JSON.parse(m.value?.toString() ?? '{}') as { data?: Json })
          .find((e) => e.data?.transportDocumentReference === reference)?.data,
      'the issuance on ebl.changed',
    );
    expect(announced).toMatchObject({ platform: world.pja.mspId, status: 'ISSUED' });
    expect(Object.keys(announced).sort()).toEqual(
      ['changedAt', 'platform', 'status', 'transportDocumentReference', 'txId'].sort(),
    );
    const missing = await asRegulator(`/ledger/ebls/${world.pja.mspId}/NONE${RUN}`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('refuses every route to a caller who is not a supervisor', async () => {
    const packer = await bearer(ORG1_PACKER);
    for (const [method, path] of [
      ['GET', '/supervision'],
      ['GET', '/monitors'],
      ['GET', '/fsma-requests'],
      ['POST', '/fsma-requests'],
      ['GET', `/ledger/ebls/Org1MSP/ANY${RUN}`],
    ]) {
      const refused = await fetch(`${supervision.url}${path}`, {
        method,
        headers: { ...packer, 'content-type': 'application/json' },
        ...(method === 'POST' ? { body: '{}' } : {}),
      });
      expect({ path, status: refused.status }).toEqual({ path, status: 403 });
      expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect((await fetch(`${supervision.url}${path}`, { method })).status).toBe(401);
    }
  });
});
