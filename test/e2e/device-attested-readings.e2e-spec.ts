import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@pujiang/config';
import {
  CLAIMS_CONTRACT,
  ClaimRecord,
  ClaimsTransaction,
  DEVICES_CONTRACT,
  DeviceRecord,
  DeviceTransaction,
  ReadingAttestation,
} from '@pujiang/contracts';
import { SIGNATURE_MEMBER, attestEvent, signSensorElement } from '@pujiang/device-attestation';
import { LedgerConfig, LedgerGateway } from '@pujiang/ledger-client';
import { Client } from 'pg';
import { AppModule as TraceabilityApp } from '../../services/traceability/src/app.module';
import {
  RunningInsurer,
  callInsurer,
  dayFromToday,
  fileCoverPolicy,
  startInsurers,
} from '../support/claims-insurers';
import { containerNumber } from '../support/container-numbers';
import {
  keyFolder,
  knownToCapture as knownBy,
  platformOperatorEnv,
  pujiang,
  registerReefer,
  signingKeyOf,
} from '../support/device-simulator';
import { eventually } from '../support/kafka-probe';
import { startService } from '../support/running-service';
import { serviceEnv, stackEnv } from '../support/stack-env';
import { ORG1_PACKER, bearer, stackToken } from '../support/stack-tokens';

type EpcisDocument = { epcisBody: { eventList: Record<string, unknown>[] } };
type Element = Record<string, unknown>;

const HOUR = 3600_000;
const tag = () => randomBytes(4).toString('hex').toUpperCase();

/**
 * Machine identity on the real stack (issue 17): a reefer controller's key
 * is made by `pujiang device keygen`, the device recorded on the ledger by
 * `pujiang device register` as its owner's platform operator, its readings
 * signed by `pujiang device emit`. Capture judges each reading against the
 * registry as it stood at the reading's time; a cover that trusts Org1's
 * devices opens a claim from an attested excursion only. Every refused
 * reading is stored, shown with its reason, and opens nothing.
 */
describe('only readings attested by a trusted device move money', () => {
  let traceability: { app: NestFastifyApplication; url: string };
  let insurers: Awaited<ReturnType<typeof startInsurers>>;
  let org1Platform: LedgerGateway;
  let org2Platform: LedgerGateway;
  let org1Insurer: LedgerGateway;
  let claimsDb: Client;
  const keys = keyFolder();
  // Three hours ago to one hour ago, every 15 minutes; 11 °C for 30 minutes from 2 h ago.
  const now = Date.now();
  const start = new Date(now - 3 * HOUR);
  const end = new Date(now - HOUR);
  const excursion = { from: new Date(now - 2 * HOUR), to: new Date(now - 1.5 * HOUR) };
  const iso = (d: Date) => d.toISOString();

  beforeAll(async () => {
    traceability = await startService('traceability', TraceabilityApp);
    insurers = await startInsurers(traceability.url);
    const gateway = async (env: Record<string, string>) => {
      const g = new LedgerGateway(loadConfig(LedgerConfig, env));
      await g.onModuleInit();
      return g;
    };
    org1Platform = await gateway(platformOperatorEnv(1));
    org2Platform = await gateway(platformOperatorEnv(2));
    org1Insurer = await gateway(serviceEnv('claims', 0, 1));
    claimsDb = new Client({ connectionString: stackEnv().CLAIMS_DATABASE_URL });
    await claimsDb.connect();
  });

  afterAll(async () => {
    await claimsDb?.end();
    for (const g of [org1Platform, org2Platform, org1Insurer]) g?.onApplicationShutdown();
    await insurers?.stop();
    await traceability?.app.close();
  });

  const get = async (path: string) => {
    const res = await fetch(`${traceability.url}${path}`, { headers: await bearer(ORG1_PACKER) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  /** keygen + register (attached to `container` from four hours ago), known to capture. */
  const device = (container: string, org: 1 | 2 = 1) =>
    registerReefer(traceability.url, container, new Date(now - 4 * HOUR), org);

  /** Waits until capture's read model holds the device with `changes` changes. */
  const knownToCapture = (id: string, changes: number) => knownBy(traceability.url, id, changes);

  async function emit(
    dev: { id: string; key: string },
    container: string,
    extra: string[] = [],
  ): Promise<EpcisDocument & Record<string, unknown>> {
    const out = await pujiang(
      ['device', 'emit', '--device', dev.id, '--key', dev.key, '--container', container]
        .concat(['--from', iso(start), '--to', iso(end), '--every', '15', '--celsius', '5'])
        .concat(
          extra.length > 0
            ? extra
            : ['--excursion', `${iso(excursion.from)}/${iso(excursion.to)}/11`],
        ),
    );
    return JSON.parse(out) as EpcisDocument & Record<string, unknown>;
  }

  async function capture(document: unknown): Promise<void> {
    const res = await fetch(`${traceability.url}/capture`, {
      method: 'POST',
      headers: { ...(await bearer(ORG1_PACKER)), 'content-type': 'application/ld+json' },
      body: JSON.stringify(document),
    });
    expect(res.status).toBe(202);
    expect(((await res.json()) as { success: boolean }).success).toBe(true);
  }

  /** A cover on the container whose reefer trigger trusts only Org1's devices. */
  async function cover(insurer: RunningInsurer, container: string): Promise<string> {
    const policy = await fileCoverPolicy(insurer, {
      shipment: { eblReference: `EBL${tag()}`, containers: [container], lots: [] },
      parametricTriggers: [
        {
          triggerId: 'reefer-2-8C',
          kind: 'TEMPERATURE',
          minCelsiusTenths: 20,
          maxCelsiusTenths: 80,
          minDurationMinutes: 30,
          trustedOwners: ['Org1MSP'],
        },
      ],
    });
    return policy.policyId;
  }

  const claimsOf = async (policyId: string) => {
    const token = await insurers.org1.insurerToken();
    const { body } = await callInsurer(insurers.org1, token, 'GET', '/claims');
    return (body.claims as ClaimRecord[]).filter((c) => c.policyId === policyId);
  };

  /** The readings claims stored for the container, each with capture's verdict. */
  const storedReadings = async (container: string) =>
    (
      await claimsDb.query<{ celsius_tenths: number; attestation: ReadingAttestation | null }>(
        `SELECT celsius_tenths, attestation FROM sensor_reading WHERE subject = $1 ORDER BY read_at`,
        [container],
      )
    ).rows;

  /** Capture's verdict on each event of a document, as GET /events/{id}/attestation shows it. */
  const verdicts = async (document: EpcisDocument) => {
    const shown: ReadingAttestation[] = [];
    for (const event of document.epcisBody.eventList) {
      const id = String(event.eventID);
      const { status, body } = await get(`/events/${encodeURIComponent(id)}/attestation`);
      expect(status).toBe(200);
      shown.push(...(body.readings as ReadingAttestation[]));
    }
    return shown;
  };

  /** Captures the document, waits until claims stored all its readings, and says no claim opened. */
  async function expectNoClaim(
    container: string,
    policyId: string,
    document: EpcisDocument,
    verdict: string,
    reason: RegExp,
  ): Promise<void> {
    await capture(document);
    const readings = document.epcisBody.eventList.length;
    const stored = await eventually(async () => {
      const rows = await storedReadings(container);
      return rows.length >= readings ? rows : undefined;
    }, `claims to store the ${readings} readings of ${container}`);
    // Every reading of the excursion was refused, with capture's reason, and stored all the same.
    const warm = stored.filter((r) => r.celsius_tenths > 80);
    expect(warm.length).toBeGreaterThanOrEqual(3);
    for (const r of warm)
      expect(r.attestation).toMatchObject({ verdict, reason: expect.stringMatching(reason) });
    const shown = await verdicts(document);
    expect(shown.filter((v) => v.verdict === verdict).length).toBeGreaterThanOrEqual(3);
    expect(await claimsOf(policyId)).toEqual([]);
  }

  it("opens exactly one claim from a registered device's signed excursion, naming the device", async () => {
    const container = containerNumber('PJCU');
    const reefer = await device(container);
    const policyId = await cover(insurers.org1, container);
    const document = await emit(reefer, container);

    await capture(document);
    await capture(document); // the same document again: duplicates, nothing new
    const claim = await eventually(async () => {
      const [opened] = await claimsOf(policyId);
      return opened !== undefined && opened.documents.length > 0 ? opened : undefined;
    }, 'the parametric claim with its evidence');
    expect(claim).toMatchObject({ status: 'NOTIFIED', parametric: { triggerId: 'reefer-2-8C' } });

    const shown = await verdicts(document);
    expect(shown.map((v) => v.verdict)).toEqual(shown.map(() => 'ATTESTED'));
    expect(shown[0]).toMatchObject({ deviceId: reefer.id, ownerMspId: 'Org1MSP' });

    const { rows } = await claimsDb.query<{ evidence: { readings: Record<string, unknown>[] } }>(
      `SELECT evidence FROM claim_document WHERE claim_id = $1 AND sha256 = $2`,
      [claim.claimId, claim.parametric?.evidenceHash],
    );
    // The readings known when it fired: its first and the one 30 minutes on at least (events
    // reach claims one by one and maybe out of order, so the one between may come later).
    const readings = rows[0]?.evidence.readings ?? [];
    expect(readings.length).toBeGreaterThanOrEqual(2);
    for (const reading of readings) {
      expect(reading).toMatchObject({
        attestedBy: reefer.id,
        owner: 'Org1MSP',
        verdict: 'ATTESTED',
        proof: expect.stringMatching(/\/events\/.+\/proof$/),
      });
    }
    // The claims API shows the same: each reading, who attested it and the proof.
    const path = `/claims/${claim.claimId}`;
    const shownClaim = await callInsurer(
      insurers.org1,
      await insurers.org1.insurerToken(),
      'GET',
      path,
    );
    expect(shownClaim.status).toBe(200);
    const triggerReadings = shownClaim.body.triggerReadings as Record<string, unknown>[];
    expect(triggerReadings.map((r) => r.eventId)).toEqual(readings.map((r) => r.eventId));
    for (const reading of triggerReadings) {
      expect(reading).toMatchObject({
        attestedBy: reefer.id,
        owner: 'Org1MSP',
        verdict: 'ATTESTED',
        statement: `reading attested by device ${reefer.id} of owner Org1MSP`,
        proof: expect.stringMatching(/\/events\/.+\/proof$/),
      });
    }
    const proof = await fetch(triggerReadings[0]?.proof as string, {
      headers: await bearer(ORG1_PACKER),
    });
    expect(proof.status).toBe(200);
    expect(await proof.json()).toMatchObject({ eventID: triggerReadings[0]?.eventId });
    // The insured, who is the claimant, sees the same; a claimant of nothing here, and another
    // insurer's underwriter, get the 404 of a claim they may not see.
    const asClaimant = await callInsurer(
      insurers.org1,
      await insurers.org1.tokenFor('consignee', ['claims:claimant']),
      'GET',
      path,
    );
    expect(asClaimant.status).toBe(200);
    expect(asClaimant.body.triggerReadings).toEqual(triggerReadings);
    const outsiders = [
      await insurers.org1.tokenFor('forwarder', ['claims:claimant']),
      await stackToken(
        { party: 'underwriter-2', organisation: 'Org2MSP', roles: ['claims:insurer'] },
        600,
      ),
    ];
    for (const token of outsiders) {
      const refused = await callInsurer(insurers.org1, token, 'GET', path);
      expect(refused.status).toBe(404);
      expect(refused.body.triggerReadings).toBeUndefined();
    }

    await new Promise((r) => setTimeout(r, 3000));
    expect(await claimsOf(policyId)).toHaveLength(1);
  });

  it('opens no claim from the same excursion unsigned', async () => {
    const container = containerNumber('PJCU');
    const reefer = await device(container);
    const policyId = await cover(insurers.org1, container);
    const document = await emit(reefer, container);
    for (const event of document.epcisBody.eventList) {
      for (const element of event.sensorElementList as Element[]) delete element[SIGNATURE_MEMBER];
    }
    await expectNoClaim(container, policyId, document, 'UNSIGNED', /no device signature/);
  });

  it('opens no claim from the same excursion signed by an unregistered key', async () => {
    const container = containerNumber('PJCU');
    const reefer = await device(container);
    const policyId = await cover(insurers.org1, container);
    const stranger = join(keys, `${tag()}.jwk`);
    await pujiang(['device', 'keygen', '--alg', 'EdDSA', '--out', stranger]);
    const document = await emit({ id: reefer.id, key: stranger }, container);
    await expectNoClaim(
      container,
      policyId,
      document,
      'UNREGISTERED_KEY',
      /was not a registered key/,
    );
  });

  it('opens no claim from the same excursion signed by a revoked device', async () => {
    const container = containerNumber('PJCU');
    const reefer = await device(container);
    // Lost three and a half hours ago: revoked from then, so everything it signed since is refused.
    await org1Platform.submit({
      contract: DEVICES_CONTRACT,
      transaction: DeviceTransaction.revoke,
      args: [reefer.id, iso(new Date(now - 3.5 * HOUR))],
    });
    await knownToCapture(reefer.id, 3);
    const policyId = await cover(insurers.org1, container);
    const document = await emit(reefer, container);
    await expectNoClaim(container, policyId, document, 'DEVICE_REVOKED', /was revoked at/);
  });

  it('opens no claim from a device attached to another container at the time', async () => {
    const container = containerNumber('PJCU');
    const elsewhere = containerNumber('PJCU');
    const reefer = await device(elsewhere);
    const policyId = await cover(insurers.org1, container);
    const document = await emit(reefer, container);
    await expectNoClaim(
      container,
      policyId,
      document,
      'ATTACHED_ELSEWHERE',
      new RegExp(`attached to container ${elsewhere}`),
    );
  });

  it('opens no claim from the same signed readings replayed', async () => {
    const container = containerNumber('PJCU');
    const reefer = await device(container);
    const original = await emit(reefer, container);
    await capture(original); // before any cover watched the container
    const policyId = await cover(insurers.org1, container);
    // The same signed readings in new events: another business step, so another event hash.
    const replay = {
      ...original,
      epcisBody: {
        eventList: original.epcisBody.eventList.map((e) => ({
          ...e,
          eventID: `urn:uuid:${randomUUID()}`,
          bizStep: 'storing',
        })),
      },
    };
    await expectNoClaim(container, policyId, replay, 'REPLAYED', /already captured/);
  });

  it('opens no claim when one value was altered after signing', async () => {
    const container = containerNumber('PJCU');
    const reefer = await device(container);
    const policyId = await cover(insurers.org1, container);
    // The device saw only 15 minutes at 11 °C, too short to fire; the last warm reading is forged.
    const signed = await emit(reefer, container, [
      '--excursion',
      `${iso(excursion.from)}/${iso(new Date(excursion.to.getTime() - 15 * 60_000))}/11`,
    ]);
    const forged = signed.epcisBody.eventList.find((e) => e.eventTime === iso(excursion.to));
    const element = (forged?.sensorElementList as Element[])[0];
    (element.sensorReport as { value: number }[])[0].value = 11;
    await capture(signed);
    const stored = await eventually(async () => {
      const rows = await storedReadings(container);
      return rows.length >= signed.epcisBody.eventList.length ? rows : undefined;
    }, 'claims to store the readings');
    const altered = stored.filter((r) => r.attestation?.verdict === 'BAD_SIGNATURE');
    expect(altered).toHaveLength(1);
    expect(altered[0]).toMatchObject({
      celsius_tenths: 110,
      attestation: { reason: expect.stringContaining('altered after signing') },
    });
    expect(stored.filter((r) => r.celsius_tenths > 80)).toHaveLength(3);
    expect(await claimsOf(policyId)).toEqual([]);
  });

  it('still verifies the readings signed before a key rotation, and only the new key after it', async () => {
    const container = containerNumber('PJCU');
    const reefer = await device(container);
    const before = await emit(reefer, container, []);
    await capture(before);

    const next = join(keys, `${tag()}.jwk`);
    await pujiang(['device', 'keygen', '--alg', 'EdDSA', '--out', next]);
    const published = await readFile(`${next}.pub`, 'utf8');
    await org1Platform.submit({
      contract: DEVICES_CONTRACT,
      transaction: DeviceTransaction.rotateKey,
      args: [reefer.id, published],
    });
    const rotated = await knownToCapture(reefer.id, 3);
    expect(rotated.keys).toHaveLength(2);
    expect(rotated.keys[0]?.validUntil).toBeDefined();

    // The old readings, judged again against the registry as it is now, still verify.
    const ledgerRecord = JSON.parse(
      await org1Insurer.evaluate({
        contract: DEVICES_CONTRACT,
        transaction: DeviceTransaction.readDevice,
        args: [reefer.id],
      }),
    ) as DeviceRecord;
    for (const event of before.epcisBody.eventList) {
      const [again] = await attestEvent(event, {
        device: () => Promise.resolve(ledgerRecord),
        seenBefore: () => Promise.resolve(false),
      });
      expect(again?.verdict).toBe('ATTESTED');
    }
    expect((await verdicts(before)).every((v) => v.verdict === 'ATTESTED')).toBe(true);

    // After the rotation the old key signs nothing valid; the new key does.
    const after = new Date(Date.now() + 1000);
    const reading = (value: number) => ({
      sensorMetadata: { deviceID: reefer.id, time: iso(after) },
      sensorReport: [{ type: 'Temperature', value, uom: 'CEL' }],
    });
    await new Promise((r) => setTimeout(r, 1500));
    const late = (element: Element, value: number) => ({
      type: 'ObjectEvent',
      eventID: `urn:uuid:${randomUUID()}`,
      eventTime: iso(after),
      eventTimeZoneOffset: '+00:00',
      action: 'OBSERVE',
      epcList: [`urn:epc:id:bic:${container}`],
      bizStep: value === 4 ? 'storing' : 'transporting',
      readPoint: { id: 'urn:epc:id:sgln:0614141.00777.0' },
      sensorElementList: [element],
    });
    const afterRotation = {
      ...before,
      epcisBody: {
        eventList: [
          late(await signSensorElement(reading(4), await signingKeyOf(reefer.key)), 4),
          late(await signSensorElement(reading(6), await signingKeyOf(next)), 6),
        ],
      },
    };
    await capture(afterRotation);
    expect((await verdicts(afterRotation)).map((v) => v.verdict)).toEqual([
      'UNREGISTERED_KEY',
      'ATTESTED',
    ]);
  });

  it('refuses a reefer cover that names no trusted device nor owner, and stores nothing', async () => {
    const container = containerNumber('PJCU');
    const policyId = `POL-${tag()}`;
    const untrusting = {
      triggerId: 'reefer-2-8C',
      kind: 'TEMPERATURE',
      minCelsiusTenths: 20,
      maxCelsiusTenths: 80,
      minDurationMinutes: 30,
    };
    for (const trust of [{}, { trustedDevices: [], trustedOwners: [] }]) {
      const res = await fetch(`${insurers.org1.url}/policies`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await insurers.org1.insurerToken()}`,
        },
        body: JSON.stringify({
          policyId,
          kind: 'CERTIFICATE',
          clause: 'ICC_A',
          insuredPartyId: 'consignee',
          currency: 'USD',
          period: { from: dayFromToday(-30), to: dayFromToday(30) },
          shipment: { containers: [container], lots: [] },
          parametricTriggers: [{ ...untrusting, ...trust }],
          amounts: { sumInsured: '5000000', premium: '25000', deductible: '100000' },
        }),
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await res.json()) as { detail: string }).detail).toMatch(
        /a TEMPERATURE trigger must name the devices \(trustedDevices\) or the owners \(trustedOwners\)/,
      );
    }
    const stored = await claimsDb.query(
      `SELECT 1 FROM cover_policy WHERE policy_id = $1 UNION ALL SELECT 1 FROM cover_subject WHERE subject = $2`,
      [policyId, container],
    );
    expect(stored.rows).toEqual([]);
    await expect(
      org1Insurer.evaluate({
        contract: CLAIMS_CONTRACT,
        transaction: ClaimsTransaction.readPolicy,
        args: [policyId],
      }),
    ).rejects.toThrow(/NOT_FOUND/);
  });

  it("refuses another organisation's platform operator, and the owner's other services, on the ledger", async () => {
    const container = containerNumber('PJCU');
    const reefer = await device(container);
    for (const [who, gateway] of [
      ['Org2 platform', org2Platform],
      ['Org1 insurer', org1Insurer],
    ] as const) {
      for (const [transaction, args] of [
        [DeviceTransaction.suspend, [reefer.id, '']],
        [DeviceTransaction.revoke, [reefer.id, '']],
        [DeviceTransaction.rotateKey, [reefer.id, await readFile(`${reefer.key}.pub`, 'utf8')]],
      ] as const) {
        await expect(
          gateway.submit({ contract: DEVICES_CONTRACT, transaction, args: [...args] }),
        ).rejects.toThrow(/FORBIDDEN: only Org1MSP's platform operator/);
      }
      expect(who).toBeDefined();
    }
    const record = await knownToCapture(reefer.id, 2);
    expect(record.status).toBe('ACTIVE');
    expect(record.history).toHaveLength(2);
  });
});
