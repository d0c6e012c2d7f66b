import { randomBytes } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Principal } from '@pujiang/auth';
import {
  CLAIMS_CONTRACT,
  ClaimRecord,
  ClaimsTransaction,
  LedgerErrorCode,
  VOYAGES_CONTRACT,
  VoyageEventRecord,
  VoyagesTransaction,
  aisEvidenceSha256,
  type MasterCertificateVerdict,
  type SeafarerCertificateRecord,
} from '@pujiang/contracts';
import { LedgerRefusalError } from '@pujiang/ledger-client';
import { AppModule as VesselsApp } from '../../services/vessels/src/app.module';
import { parametricClaimId } from '../../services/claims/src/domain';
import { areaReference } from '../../services/vessels/src/positions/domain/areas';
import {
  positionReport,
  staticReport,
} from '../../services/vessels/src/positions/testing/ais-encoder';
import { TEST_AREAS } from '../../services/vessels/src/positions/testing/areas';
import {
  callInsurer,
  dayFromToday,
  startInsurerPeers,
  startInsurers,
} from '../support/claims-insurers';
import { AisGateway } from '../support/ais-gateway';
import { eventually } from '../support/kafka-probe';
import { serviceIdentity } from '../support/ledger-identities';
import { startService } from '../support/running-service';
import { bearer } from '../support/stack-tokens';
import {
  CLASS_SOCIETY,
  MANAGER,
  ORG1,
  ORG1_INSURER,
  OWNER,
  REGISTRY,
  VESSEL_INSURER,
  WAR_RISK_LISTS,
  freshImo,
} from '../support/vessel-parties';

const MASTER = {
  identitySalt: randomBytes(32).toString('hex'),
  identityDocument: `P${randomBytes(4).toString('hex').toUpperCase()}`,
  familyName: 'Reyes',
  givenNames: 'Jose Miguel',
  dateOfBirth: '1975-09-30',
  nationality: 'PH',
};

/**
 * Issue 21's hull story on the real stack: a vessel registered, classed and
 * certified by its parties; a hull policy written by Org1's insurer and the
 * voyage's crew list recorded; AIS reports (encoded by ggencoder, decoded by
 * the positions code) put the vessel in a war-risk area and the entry is a
 * voyage event on the ledger; a grounding is noticed and the chaincode flags
 * the ISM certificate that had expired at the time of loss and the war-risk
 * entry; the insurer checks the master without personal data; Org2 sees
 * nothing of the policy.
 */
describe('hull cover, warranties at the time of loss, AIS positions', () => {
  let vessels: { app: NestFastifyApplication; url: string };
  let classSociety: { app: NestFastifyApplication; url: string };
  let insurers: Awaited<ReturnType<typeof startInsurers>>;
  let peers: Awaited<ReturnType<typeof startInsurerPeers>>;
  const imo = freshImo();
  const freshMmsi = () =>
    `47${String(randomBytes(4).readUInt32BE() % 10_000_000).padStart(7, '0')}`;
  const mmsi = freshMmsi();
  const ais = new AisGateway();
  const policyId = `HULL-${imo}`;
  const now = Date.now();
  const at = (days: number) => new Date(now + days * 86_400_000).toISOString();
  const lossAt = at(-1);
  let claim: ClaimRecord;
  let warEntry: VoyageEventRecord;

  beforeAll(async () => {
    vessels = await startService('vessels', VesselsApp, 1);
    classSociety = await startService('vessels', VesselsApp, 2);
    insurers = await startInsurers('http://127.0.0.1:1');
    peers = await startInsurerPeers();
    await ais.start();
  });

  afterAll(async () => {
    await ais.stop();
    peers?.close();
    await insurers?.stop();
    await vessels?.app.close();
    await classSociety?.app.close();
  });

  async function call(
    service: { url: string },
    principal: Principal,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: {
        ...(await bearer(principal)),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** Puts one of the tests' areas in Org1's register, as `keeper`. */
  const keepArea = (keeper: Principal, area: keyof typeof TEST_AREAS) => {
    const { areaId, kind, name, geometry } = TEST_AREAS[area];
    return call(vessels, keeper, 'PUT', `/areas/${areaId}`, { kind, name, geometry });
  };

  it('registers the vessel, has its class confirmed by the class society and records its certificates', async () => {
    const steps = [
      await call(vessels, REGISTRY, 'POST', '/vessels', {
        imoNumber: imo,
        name: 'Pujiang Voyager',
        grossTonnage: 38200,
        portOfRegistry: 'Panama',
        owner: { mspId: ORG1, name: 'Huangpu Bulk Shipping Co.' },
        effectiveFrom: at(-60),
      }),
      await call(vessels, OWNER, 'POST', `/vessels/${imo}/manager-appointments`, {
        party: { mspId: ORG1, name: 'Huangpu Ship Management Ltd.' },
        effectiveFrom: at(-60),
      }),
      await call(classSociety, CLASS_SOCIETY, 'POST', `/vessels/${imo}/class-changes`, {
        action: 'ASSIGN_CLASS',
        society: 'Elbe Register of Shipping',
        effectiveFrom: at(-60),
      }),
      await call(classSociety, CLASS_SOCIETY, 'POST', `/vessels/${imo}/class-changes`, {
        action: 'CONFIRM_CLASS',
      }),
      await call(classSociety, CLASS_SOCIETY, 'POST', `/vessels/${imo}/certificates`, {
        kind: 'CLASS',
        certificateNumber: `CLASS-${imo}`,
        documentSha256: randomBytes(32).toString('hex'),
        validFrom: at(-60),
        validUntil: at(1800),
      }),
      // The ISM Safety Management Certificate lapsed three days ago.
      await call(vessels, REGISTRY, 'POST', `/vessels/${imo}/certificates`, {
        kind: 'ISM',
        certificateNumber: `SMC-${imo}`,
        documentSha256: randomBytes(32).toString('hex'),
        validFrom: at(-400),
        validUntil: at(-3),
      }),
    ];
    expect(steps.map((s) => s.status)).toEqual([201, 201, 201, 201, 201, 201]);
  });

  it('writes a hull policy (Org1’s insurer) and records the voyage’s crew list (manager)', async () => {
    const written = await callInsurer(
      insurers.org1,
      await insurers.org1.insurerToken(),
      'POST',
      '/policies',
      {
        policyId,
        kind: 'TIME',
        clause: 'ITC_HULLS',
        insuredPartyId: 'consignee',
        currency: 'USD',
        period: { from: dayFromToday(-30), to: dayFromToday(335) },
        shipment: { containers: [], lots: [] },
        parametricTriggers: [],
        amounts: { sumInsured: '4500000000', premium: '9000000', deductible: '15000000' },
        vessel: {
          imoNumber: imo,
          warranties: [
            'CLASS_MAINTAINED',
            'ISM_CERTIFICATE_VALID',
            'MASTER_CERTIFIED',
            'WAR_RISK_AREAS',
          ],
          tradingLimits: [areaReference(TEST_AREAS.northEurope)],
          warRiskAreas: [areaReference(TEST_AREAS.gulf)],
        },
      },
    );
    expect(written.status).toBe(201);
    expect(written.body.policy).toMatchObject({
      policyId,
      clause: 'ITC_HULLS',
      vessel: { imoNumber: imo },
    });

    const certificates: SeafarerCertificateRecord[] = [];
    for (const [kind, ref, extra] of [
      ['STCW_COC', `COC-${imo}`, { capacity: 'MASTER' }],
      ['MEDICAL_FITNESS', `MED-${imo}`, {}],
    ] as const) {
      const recorded = await call(vessels, MANAGER, 'POST', '/seafarer-certificates', {
        ...MASTER,
        ...extra,
        certificateRef: ref,
        kind,
        validFrom: at(-200),
        validUntil: at(500),
        certificateNumber: `PH-${ref}`,
        issuingAuthority: 'MARINA, Republic of the Philippines',
      });
      expect(recorded.status).toBe(201);
      certificates.push(recorded.body.certificate as SeafarerCertificateRecord);
    }
    const crewList = await call(vessels, MANAGER, 'POST', `/vessels/${imo}/crew-lists`, {
      voyageId: `V-${imo}`,
      from: at(-10),
      until: at(20),
      crew: [{ seafarerId: certificates[0]?.seafarerId, rank: 'MASTER' }],
    });
    expect(crewList.status).toBe(201);
  });

  it('records the vessel’s entry into a war-risk area from AIS reports published on Kafka', async () => {
    // The area register: the market's war-risk list, the insurer's trading limits for the vessel.
    const kept = [
      await keepArea(WAR_RISK_LISTS, 'gulf'),
      await keepArea(ORG1_INSURER, 'northEurope'),
      await keepArea(ORG1_INSURER, 'rotterdam'),
      await call(vessels, ORG1_INSURER, 'PUT', `/vessels/${imo}/trading-limits`, {
        areaIds: [TEST_AREAS.northEurope.areaId],
      }),
    ];
    expect(kept.map((k) => k.status)).toEqual([200, 200, 200, 200]);
    expect((kept[0]?.body.area as { reference: unknown }).reference).toEqual(
      areaReference(TEST_AREAS.gulf),
    );

    // The AIS feed: the ship's static report, then positions in the North Sea and the Gulf of Aden.
    const inGulf = positionReport(mmsi, 12.5, 45.25);
    await ais.post(mmsi, staticReport(mmsi, imo, 'NLRTM'), at(-3));
    await ais.post(mmsi, positionReport(mmsi, 54, 3), at(-2.5));
    await ais.post(mmsi, inGulf, at(-2));

    // Only the test's own areas: the register may hold others (the fuzz runs keep areas too).
    const ours = new Set(Object.values(TEST_AREAS).map((a) => a.areaId));
    const events = await eventually(
      async () => {
        const answer = await call(vessels, ORG1_INSURER, 'GET', `/vessels/${imo}/voyage-events`);
        const found = (answer.body.voyageEvents as VoyageEventRecord[] | undefined)?.filter((e) =>
          ours.has(e.area.areaId),
        );
        return (found?.length ?? 0) >= 2 ? found : undefined;
      },
      'the voyage events on the ledger',
      60_000,
    );
    warEntry = events.find((e) => e.kind === 'ENTERED_WAR_RISK_AREA') as VoyageEventRecord;
    expect(warEntry).toMatchObject({
      imoNumber: imo,
      mmsi,
      area: areaReference(TEST_AREAS.gulf),
      at: at(-2),
      position: { latitude: '12.5', longitude: '45.25' },
      evidenceSha256: aisEvidenceSha256(inGulf),
      // Recorded by Org1's vessels service, as its own platform identity.
      recordedBy: serviceIdentity(1, 'VESSELS').party,
    });
    expect(events.map((e) => [e.kind, e.area.areaId])).toEqual([
      ['ENTERED_WAR_RISK_AREA', 'JWC-GULF-OF-ADEN'],
      ['LEFT_TRADING_LIMITS', 'IWL-NORTH-EUROPE'],
    ]);
    // Another organisation's peer reads the same events.
    const onLedger = JSON.parse(
      await peers.org2.evaluate({
        contract: VOYAGES_CONTRACT,
        transaction: VoyagesTransaction.readVoyageEvents,
        args: [imo],
      }),
    ) as VoyageEventRecord[];
    expect(onLedger.map((e) => e.txId)).toEqual(expect.arrayContaining(events.map((e) => e.txId)));
  });

  it('notices a grounding, and the chaincode flags the ISM certificate expired at the time of loss', async () => {
    const noticed = await callInsurer(
      insurers.org1,
      await insurers.org1.tokenFor('consignee', ['claims:claimant']),
      'POST',
      '/claims',
      {
        policyId,
        peril: 'STRANDING',
        lossDate: lossAt.slice(0, 10),
        lossAt,
        discoveredDate: lossAt.slice(0, 10),
        place: 'Hook of Holland',
        containers: [],
        claimedAmount: '120000000',
        currency: 'USD',
      },
    );
    expect(noticed.status).toBe(201);
    claim = noticed.body.claim as ClaimRecord;
    expect(claim).toMatchObject({ status: 'NOTIFIED', peril: 'STRANDING', lossAt });
    const breaches = claim.warrantyCheck?.breaches ?? [];
    expect(breaches.map((b) => b.warranty)).toEqual(['ISM_CERTIFICATE_VALID', 'WAR_RISK_AREAS']);
    expect(breaches[0]?.evidence[0]).toMatchObject({
      source: 'certificate',
      reference: `SMC-${imo}`,
      validUntil: at(-3),
    });
    expect(breaches[1]?.evidence[0]).toMatchObject({
      txId: warEntry.txId,
      sha256: warEntry.evidenceSha256,
    });
  });

  it('lets the insurer verify the master’s certificate without seeing personal data', async () => {
    const answer = await call(
      classSociety,
      VESSEL_INSURER,
      'GET',
      `/vessels/${imo}/master-certification?at=${lossAt}`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.verdict as MasterCertificateVerdict).toMatchObject({
      certified: true,
      reason: 'CERTIFIED',
    });
    for (const field of [
      MASTER.familyName,
      MASTER.givenNames,
      MASTER.dateOfBirth,
      MASTER.identityDocument,
    ]) {
      expect(JSON.stringify(answer.body)).not.toContain(field);
    }
  });

  it('shows another insurer (Org2) nothing of the policy: not through its gateway, not from its collection', async () => {
    const org2Insurer = peers.org2.actingAs(serviceIdentity(2, 'INSURER'));
    for (const transaction of [
      ClaimsTransaction.readPolicy,
      ClaimsTransaction.readPolicyPrivateTerms,
    ]) {
      const read = org2Insurer.evaluate({
        contract: CLAIMS_CONTRACT,
        transaction,
        args: [policyId],
      });
      await expect(read).rejects.toBeInstanceOf(LedgerRefusalError);
      await expect(read).rejects.toMatchObject({ code: LedgerErrorCode.forbidden });
    }
    const claimRead = org2Insurer.evaluate({
      contract: CLAIMS_CONTRACT,
      transaction: ClaimsTransaction.readClaim,
      args: [claim.claimId],
    });
    await expect(claimRead).rejects.toBeInstanceOf(LedgerRefusalError);
    const viaService = await callInsurer(
      insurers.org2,
      await insurers.org2.insurerToken(),
      'GET',
      `/policies/${policyId}`,
    );
    expect(viaService.status).toBe(404);
    // Its own insurer reads it all.
    const own = await callInsurer(
      insurers.org1,
      await insurers.org1.insurerToken(),
      'GET',
      `/policies/${policyId}`,
    );
    expect(own.status).toBe(200);
  });

  describe('a delay cover: arrival beyond the ETA, from AIS on Kafka', () => {
    const delayImo = freshImo();
    const delayMmsi = freshMmsi();
    const periodFrom = dayFromToday(-30);
    const inRotterdam = positionReport(delayMmsi, 51.95, 4.2);
    const delayPolicy = (policy: string, etaAt: string, graceHours: number) => ({
      policyId: policy,
      kind: 'TIME',
      clause: 'ITC_HULLS',
      insuredPartyId: 'consignee',
      currency: 'USD',
      period: { from: periodFrom, to: dayFromToday(335) },
      shipment: { containers: [], lots: [] },
      parametricTriggers: [
        {
          triggerId: 'delay-nlrtm',
          kind: 'VESSEL_ARRIVAL',
          portArea: areaReference(TEST_AREAS.rotterdam),
          etaAt,
          graceHours,
        },
      ],
      amounts: { sumInsured: '25000000', premium: '500000', deductible: '0' },
      vessel: { imoNumber: delayImo, warranties: [], tradingLimits: [], warRiskAreas: [] },
    });
    const late = `DELAY-LATE-${delayImo}`;
    const onTime = `DELAY-ONTIME-${delayImo}`;

    it('opens a delay claim by itself when the vessel arrives after ETA and grace, and none for an ETA it met', async () => {
      const token = await insurers.org1.insurerToken();
      for (const body of [
        // Due two and a half days ago (ETA three days ago, twelve hours' grace).
        delayPolicy(late, at(-3), 12),
        // Due tomorrow.
        delayPolicy(onTime, at(1), 0),
      ]) {
        const written = await callInsurer(insurers.org1, token, 'POST', '/policies', body);
        expect({ policy: body.policyId, status: written.status }).toEqual({
          policy: body.policyId,
          status: 201,
        });
      }
      expect((await keepArea(ORG1_INSURER, 'rotterdam')).status).toBe(200);

      // The AIS feed: who the ship is, at sea off the Dutch coast, then inside the port of Rotterdam.
      await ais.post(delayMmsi, staticReport(delayMmsi, delayImo, 'NLRTM'), at(-1.5));
      await ais.post(delayMmsi, positionReport(delayMmsi, 53, 3.5), at(-1.2));
      await ais.post(delayMmsi, inRotterdam, at(-1));

      const arrival = await eventually(
        async () => {
          const answer = await call(
            vessels,
            ORG1_INSURER,
            'GET',
            `/vessels/${delayImo}/voyage-events`,
          );
          // Rotterdam's: the register may hold other port areas there (fuzz runs keep areas).
          return (answer.body.voyageEvents as VoyageEventRecord[] | undefined)?.find(
            (e) => e.kind === 'ARRIVED' && e.area.areaId === TEST_AREAS.rotterdam.areaId,
          );
        },
        'the arrival on the ledger',
        60_000,
      );
      expect(arrival).toMatchObject({
        area: areaReference(TEST_AREAS.rotterdam),
        at: at(-1),
        evidenceSha256: aisEvidenceSha256(inRotterdam),
      });

      const claimId = parametricClaimId(late, 0, periodFrom);
      const opened = await eventually(
        async () => {
          const answer = await callInsurer(insurers.org1, token, 'GET', `/claims/${claimId}`);
          const found = answer.body.claim as ClaimRecord | undefined;
          return answer.status === 200 && (found?.documents.length ?? 0) > 0 ? found : undefined;
        },
        'the delay claim with its evidence',
        90_000,
      );
      expect(opened).toMatchObject({
        policyId: late,
        status: 'NOTIFIED',
        peril: 'DELAY',
        lossAt: arrival.at,
      });
      // Its evidence: the voyage event's transaction and the hash of the AIS sentences.
      expect(opened.documents).toEqual([
        expect.objectContaining({
          sha256: aisEvidenceSha256(inRotterdam),
          reference: arrival.txId,
        }),
      ]);

      // The same arrival met the other policy's ETA: no claim, by id or in the list.
      const notOpened = await callInsurer(
        insurers.org1,
        token,
        'GET',
        `/claims/${parametricClaimId(onTime, 0, periodFrom)}`,
      );
      expect(notOpened.status).toBe(404);
      const all = await callInsurer(insurers.org1, token, 'GET', '/claims');
      const policies = (all.body.claims as ClaimRecord[]).map((c) => c.policyId);
      expect(policies).toContain(late);
      expect(policies).not.toContain(onTime);
    });
  });
});
