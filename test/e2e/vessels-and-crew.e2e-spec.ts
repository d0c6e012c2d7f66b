import { randomBytes } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Principal } from '@pujiang/auth';
import { loadConfig } from '@pujiang/config';
import {
  LedgerErrorCode,
  VESSELS_CONTRACT,
  VesselTransaction,
  certificateCommitment,
  type CrewListRecord,
  type MasterCertificateVerdict,
  type SeafarerCertificateDetails,
  type SeafarerCertificateRecord,
  type VesselRecord,
} from '@pujiang/contracts';
import { LedgerConfig, LedgerGateway, LedgerRefusalError } from '@pujiang/ledger-client';
import { AppModule as VesselsApp } from '../../services/vessels/src/app.module';
import { partyIdentity } from '../support/ledger-identities';
import { startService } from '../support/running-service';
import { serviceEnv } from '../support/stack-env';
import { bearer } from '../support/stack-tokens';
import {
  CLASS_SOCIETY,
  MANAGER,
  ORG1,
  ORG2,
  OWNER,
  REGISTRY,
  freshImo,
  vesselCaller,
} from '../support/vessel-parties';

const OTHER_OWNER = vesselCaller(ORG2, 'owner', 'owner');
const OTHER_MANAGER = vesselCaller(ORG2, 'manager', 'manager');
const INSURER = vesselCaller(ORG2, 'insurer', 'insurer');

/** The master's personal data: none of it may appear in anything the insurer sees. */
const MASTER = {
  identitySalt: randomBytes(32).toString('hex'),
  identityDocument: `P${randomBytes(4).toString('hex').toUpperCase()}`,
  familyName: 'Santos',
  givenNames: 'Maria Clara',
  dateOfBirth: '1979-04-12',
  nationality: 'PH',
};
const PERSONAL = [
  MASTER.identitySalt,
  MASTER.identityDocument,
  MASTER.familyName,
  MASTER.givenNames,
  MASTER.dateOfBirth,
  'PH-COC-0099887',
  'PH-MED-5544',
];

/**
 * Issue 21 on the real stack: a vessel registered by its flag state, classed
 * and certified by its class society, crewed by its manager; an insurer of
 * another organisation verifies the master's certificate without seeing who
 * the master is; and wrong parties are refused with the record unchanged.
 */
describe('vessels and crew on the ledger', () => {
  let org1: { app: NestFastifyApplication; url: string };
  let org2: { app: NestFastifyApplication; url: string };
  let org2Peer: LedgerGateway;
  const imo = freshImo();
  const now = Date.now();
  const at = (days: number) => new Date(now + days * 86_400_000).toISOString();

  beforeAll(async () => {
    org1 = await startService('vessels', VesselsApp, 1);
    org2 = await startService('vessels', VesselsApp, 2);
    org2Peer = new LedgerGateway(loadConfig(LedgerConfig, serviceEnv('vessels', 0, 2)));
    await org2Peer.onModuleInit();
  });

  afterAll(async () => {
    org2Peer?.onApplicationShutdown();
    await org1?.app.close();
    await org2?.app.close();
  });

  async function call(
    service: { url: string },
    principal: Principal,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; type: string; body: Record<string, unknown> }> {
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: {
        ...(await bearer(principal)),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      body: (await response.json()) as Record<string, unknown>,
    };
  }

  const vessel = async () =>
    (await call(org1, INSURER, 'GET', `/vessels/${imo}`)).body.vessel as VesselRecord;

  it('registers the vessel (flag state), appoints its manager (owner), classes and certifies it (class society, flag state)', async () => {
    const registered = await call(org1, REGISTRY, 'POST', '/vessels', {
      imoNumber: `IMO ${imo}`,
      name: 'Pujiang Pioneer',
      grossTonnage: 41230,
      portOfRegistry: 'Panama',
      owner: { mspId: ORG1, name: 'Huangpu Bulk Shipping Co.' },
      effectiveFrom: at(-30),
    });
    expect(registered.status).toBe(201);
    expect(registered.body.vessel).toMatchObject({ imoNumber: imo, status: 'REGISTERED' });

    const appointed = await call(org1, OWNER, 'POST', `/vessels/${imo}/manager-appointments`, {
      party: { mspId: ORG1, name: 'Huangpu Ship Management Ltd.' },
      effectiveFrom: at(-30),
    });
    expect(appointed.status).toBe(201);

    const classed = await call(org2, CLASS_SOCIETY, 'POST', `/vessels/${imo}/class-changes`, {
      action: 'ASSIGN_CLASS',
      society: 'Elbe Register of Shipping',
      effectiveFrom: at(-30),
    });
    expect(classed.status).toBe(201);
    const certificate = (kind: string, validUntil: string) => ({
      kind,
      certificateNumber: `${kind}-${imo}`,
      documentSha256: randomBytes(32).toString('hex'),
      validFrom: at(-30),
      validUntil,
    });
    const classCertificate = await call(
      org2,
      CLASS_SOCIETY,
      'POST',
      `/vessels/${imo}/certificates`,
      certificate('CLASS', at(1800)),
    );
    expect(classCertificate.status).toBe(201);
    for (const kind of ['ISM', 'ISPS']) {
      const recorded = await call(
        org1,
        REGISTRY,
        'POST',
        `/vessels/${imo}/certificates`,
        certificate(kind, at(900)),
      );
      expect(recorded.status).toBe(201);
    }

    const record = await vessel();
    expect(record.history.map((c) => c.action)).toEqual([
      'REGISTER',
      'APPOINT_MANAGER',
      'ASSIGN_CLASS',
      'RECORD_CERTIFICATE',
      'RECORD_CERTIFICATE',
      'RECORD_CERTIFICATE',
    ]);
    const state = await call(org2, INSURER, 'GET', `/vessels/${imo}/state?at=${at(-1)}`);
    expect(state.status).toBe(200);
    expect(state.body.state).toMatchObject({
      registered: true,
      classStatus: 'IN_CLASS',
      registration: { flag: 'PA', flagStateMsp: ORG1 },
    });
    expect(
      Object.keys((state.body.state as { validCertificates: object }).validCertificates).sort(),
    ).toEqual(['CLASS', 'ISM', 'ISPS']);
  });

  it('refuses wrong parties, each with a problem, the record unchanged', async () => {
    const before = await vessel();
    // An owner has no class-society role: refused before the ledger.
    const ownerClassing = await call(org1, OWNER, 'POST', `/vessels/${imo}/class-changes`, {
      action: 'SUSPEND_CLASS',
    });
    expect(ownerClassing.status).toBe(403);
    expect(ownerClassing.type).toMatch(/^application\/problem\+json/);
    // Another organisation's owner holds the role but not the vessel: the chaincode refuses.
    const notTheOwner = await call(
      org2,
      OTHER_OWNER,
      'POST',
      `/vessels/${imo}/ownership-transfers`,
      {
        party: { mspId: ORG2, name: 'Elbe Tramp Owners GmbH' },
      },
    );
    expect(notTheOwner.status).toBe(403);
    expect(notTheOwner.body.detail).toMatch(/^FORBIDDEN: only the registered owner/);
    // The owner's and the flag state's own certificates, signing class changes straight at the chaincode.
    for (const [org, id] of [
      [1, 'owner'],
      [1, 'registry'],
    ] as const) {
      const attempt = org2Peer.actingAs(partyIdentity(org, `VESSELS_ORG${org}`, id)).submit({
        contract: VESSELS_CONTRACT,
        transaction: VesselTransaction.changeClass,
        args: [imo, JSON.stringify({ action: 'WITHDRAW_CLASS' })],
      });
      await expect(attempt).rejects.toBeInstanceOf(LedgerRefusalError);
      await expect(attempt).rejects.toMatchObject({ code: LedgerErrorCode.forbidden });
    }
    // The class society signing an ownership transfer.
    const classOwning = org2Peer
      .actingAs(partyIdentity(2, 'VESSELS_ORG2', 'class-society'))
      .submit({
        contract: VESSELS_CONTRACT,
        transaction: VesselTransaction.transferOwnership,
        args: [imo, JSON.stringify({ party: { mspId: ORG2, name: 'Elbe Register of Shipping' } })],
      });
    await expect(classOwning).rejects.toMatchObject({ code: LedgerErrorCode.forbidden });
    // A bad check digit never reaches the ledger.
    const badImo = await call(
      org1,
      INSURER,
      'GET',
      `/vessels/${imo.slice(0, 6)}${(Number(imo[6]) + 1) % 10}`,
    );
    expect(badImo.status).toBe(400);
    expect(badImo.type).toMatch(/^application\/problem\+json/);

    expect(await vessel()).toEqual(before);
  });

  let masterId = '';
  let competency: SeafarerCertificateRecord;

  it('records the master’s certificates as salted commitments and the voyage’s crew list', async () => {
    const recorded = await call(org1, MANAGER, 'POST', '/seafarer-certificates', {
      ...MASTER,
      certificateRef: `COC-${imo}`,
      kind: 'STCW_COC',
      capacity: 'MASTER',
      validFrom: at(-400),
      validUntil: at(1400),
      certificateNumber: 'PH-COC-0099887',
      issuingAuthority: 'MARINA, Republic of the Philippines',
    });
    expect(recorded.status).toBe(201);
    competency = recorded.body.certificate as SeafarerCertificateRecord;
    masterId = competency.seafarerId;
    const medical = await call(org1, MANAGER, 'POST', '/seafarer-certificates', {
      ...MASTER,
      certificateRef: `MED-${imo}`,
      kind: 'MEDICAL_FITNESS',
      validFrom: at(-100),
      validUntil: at(265),
      certificateNumber: 'PH-MED-5544',
      issuingAuthority: 'St Luke’s Medical Center, Manila',
    });
    expect(medical.status).toBe(201);
    expect((medical.body.certificate as SeafarerCertificateRecord).seafarerId).toBe(masterId);
    for (const field of PERSONAL)
      expect(JSON.stringify([recorded.body, medical.body])).not.toContain(field);

    const crewList = await call(org1, MANAGER, 'POST', `/vessels/${imo}/crew-lists`, {
      voyageId: `V-${imo}`,
      from: at(-10),
      until: at(20),
      crew: [
        { seafarerId: masterId, rank: 'MASTER' },
        { seafarerId: randomBytes(32).toString('hex'), rank: 'CHIEF_ENGINEER' },
      ],
    });
    expect(crewList.status).toBe(201);
    expect((crewList.body.crewList as CrewListRecord).crew).toHaveLength(2);

    const notTheManager = await call(org2, OTHER_MANAGER, 'POST', `/vessels/${imo}/crew-lists`, {
      voyageId: `W-${imo}`,
      from: at(-10),
      crew: [{ seafarerId: masterId, rank: 'MASTER' }],
    });
    expect(notTheManager.status).toBe(403);
    expect(notTheManager.body.detail).toMatch(/^FORBIDDEN: only the vessel's manager/);
  });

  it('lets another organisation’s insurer verify the master’s certificate without any personal data', async () => {
    const answer = await call(
      org2,
      INSURER,
      'GET',
      `/vessels/${imo}/master-certification?at=${at(-2)}`,
    );
    expect(answer.status).toBe(200);
    const verdict = answer.body.verdict as MasterCertificateVerdict;
    expect(verdict).toMatchObject({ certified: true, reason: 'CERTIFIED', seafarerId: masterId });
    expect(verdict.evidence.map((e) => e.commitment)).toContain(competency.commitment);
    for (const field of PERSONAL) expect(JSON.stringify(answer.body)).not.toContain(field);
    for (const key of ['familyName', 'givenNames', 'dateOfBirth', 'certificateNumber', 'salt']) {
      expect(JSON.stringify(answer.body)).not.toContain(`"${key}"`);
    }

    const outsideTheVoyage = await call(
      org2,
      INSURER,
      'GET',
      `/vessels/${imo}/master-certification?at=${at(25)}`,
    );
    expect(outsideTheVoyage.body.verdict).toMatchObject({
      certified: false,
      reason: 'NO_CREW_LIST',
    });

    // Org2's peer holds no personal data: neither its own identities nor Org1's manager read it there.
    const readDetails = (identity?: Parameters<LedgerGateway['actingAs']>[0]) =>
      (identity === undefined ? org2Peer : org2Peer.actingAs(identity)).evaluate({
        contract: VESSELS_CONTRACT,
        transaction: VesselTransaction.readSeafarerCertificateDetails,
        args: [masterId, `COC-${imo}`],
      });
    await expect(readDetails(partyIdentity(2, 'VESSELS_ORG2', 'manager'))).rejects.toMatchObject({
      code: LedgerErrorCode.notFound,
    });
    await expect(readDetails(partyIdentity(1, 'VESSELS_ORG1', 'manager'))).rejects.toBeInstanceOf(
      LedgerRefusalError,
    );

    // The employer opens the commitment to the insurer off the ledger: its details hash to it.
    const org1Peer = new LedgerGateway(loadConfig(LedgerConfig, serviceEnv('vessels', 0, 1)));
    await org1Peer.onModuleInit();
    try {
      const details = JSON.parse(
        await org1Peer.actingAs(partyIdentity(1, 'VESSELS_ORG1', 'manager')).evaluate({
          contract: VESSELS_CONTRACT,
          transaction: VesselTransaction.readSeafarerCertificateDetails,
          args: [masterId, `COC-${imo}`],
        }),
      ) as SeafarerCertificateDetails;
      expect(details.familyName).toBe(MASTER.familyName);
      expect(certificateCommitment(details)).toBe(competency.commitment);
    } finally {
      org1Peer.onApplicationShutdown();
    }
  });
});
