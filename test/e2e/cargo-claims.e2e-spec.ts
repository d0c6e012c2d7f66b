import { randomBytes } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CLAIMS_CONTRACT, ClaimRecord, ClaimsTransaction } from '@pujiang/contracts';
import { LedgerGateway } from '@pujiang/ledger-client';
import { AppModule as TraceabilityApp } from '../../services/traceability/src/app.module';
import {
  RunningInsurer,
  callInsurer,
  captureReeferLog,
  dayFromToday,
  fileCoverPolicy,
  parametricClaimOf,
  REEFER_2_8C,
  startInsurerPeers,
  startInsurers,
} from '../support/claims-insurers';
import { containerNumber } from '../support/container-numbers';
import { eventually } from '../support/kafka-probe';
import { startService } from '../support/running-service';

const tag = () => randomBytes(4).toString('hex').toUpperCase();

/**
 * Marine cargo claims on the real stack: a reefer excursion reported as
 * EPCIS sensor data opens a parametric claim by itself; a manual claim goes
 * through survey, partial approval, payment and subrogation; the same cargo
 * claimed at a second insurer puts both claims on fraud hold; and the policy
 * amounts stay in the insurer's private collection.
 */
describe('marine cargo claims on the ledger', () => {
  let traceability: { app: NestFastifyApplication; url: string };
  let insurers: Awaited<ReturnType<typeof startInsurers>>;
  let org2Peer: LedgerGateway;
  let peers: Awaited<ReturnType<typeof startInsurerPeers>>;
  let org1Peer: LedgerGateway;

  beforeAll(async () => {
    traceability = await startService('traceability', TraceabilityApp);
    insurers = await startInsurers(traceability.url);
    peers = await startInsurerPeers();
    ({ org1: org1Peer, org2: org2Peer } = peers);
  });

  afterAll(async () => {
    peers?.close();
    await insurers?.stop();
    await traceability?.app.close();
  });

  const policy = async (insurer: RunningInsurer, overrides: Record<string, unknown>) =>
    (await fileCoverPolicy(insurer, overrides)).policyId;

  const claimant = (insurer: RunningInsurer) => insurer.tokenFor('consignee', ['claims:claimant']);
  const surveyor = (insurer: RunningInsurer) => insurer.tokenFor('surveyor', ['claims:surveyor']);

  it('opens a parametric claim by itself when a reefer stays too warm for too long', async () => {
    const container = containerNumber('PJCU');
    const policyId = await policy(insurers.org1, {
      shipment: { eblReference: `EBL${tag()}`, containers: [container], lots: [] },
      parametricTriggers: [REEFER_2_8C],
    });
    const capture = await captureReeferLog(traceability.url, container, [50, 95, 105, 110, 60]);
    expect(capture.status).toBe(202);

    const opened = await parametricClaimOf(insurers.org1, policyId);
    expect(opened).toMatchObject({
      status: 'NOTIFIED',
      peril: 'TEMPERATURE_DEVIATION',
      claimedAmount: '5000000',
      parametric: { triggerId: 'reefer-2-8C' },
      containers: [container],
    });
    expect(opened.documents.map((d) => d.kind)).toContain('TRACEABILITY_EVIDENCE');
    expect(opened.documents[0]?.sha256).toBe(opened.parametric?.evidenceHash);
  });

  it('takes a manual claim through survey, partial approval, payment and subrogation', async () => {
    const container = containerNumber('PJCU');
    const policyId = await policy(insurers.org1, {
      clause: 'ICC_C',
      shipment: { containers: [container], lots: [] },
    });
    const notice = {
      policyId,
      lossDate: dayFromToday(-2),
      discoveredDate: dayFromToday(-1),
      place: 'NLRTM',
      containers: [container],
      claimedAmount: '2000000',
      currency: 'USD',
      deliveredAt: dayFromToday(-1),
    };
    const theft = await callInsurer(
      insurers.org1,
      await claimant(insurers.org1),
      'POST',
      '/claims',
      {
        ...notice,
        peril: 'THEFT',
      },
    );
    expect(theft.status).toBe(400);
    expect(String(theft.body.detail)).toMatch(/THEFT/);

    const created = await callInsurer(
      insurers.org1,
      await claimant(insurers.org1),
      'POST',
      '/claims',
      {
        ...notice,
        peril: 'COLLISION',
      },
    );
    expect(created.status).toBe(201);
    const claimId = (created.body.claim as ClaimRecord).claimId;
    const step = async (token: string, body: Record<string, unknown>) =>
      callInsurer(insurers.org1, token, 'POST', `/claims/${claimId}/actions`, body);
    const insurer = await insurers.org1.insurerToken();

    expect((await step(await claimant(insurers.org1), { action: 'START_ASSESSMENT' })).status).toBe(
      403,
    );
    expect((await step(insurer, { action: 'START_ASSESSMENT' })).status).toBe(200);
    expect(
      (await step(insurer, { action: 'ASSIGN_SURVEYOR', surveyorPartyId: 'surveyor' })).status,
    ).toBe(200);
    const photo = await callInsurer(
      insurers.org1,
      await claimant(insurers.org1),
      'POST',
      `/claims/${claimId}/documents`,
      {
        kind: 'PHOTO',
        name: 'dented-container.jpg',
        mediaType: 'image/jpeg',
        contentBase64: Buffer.from('not really a jpeg').toString('base64'),
      },
    );
    expect(photo.status).toBe(201);
    const report = await step(await surveyor(insurers.org1), {
      action: 'REPORT_SURVEY',
      reportSha256: 'a'.repeat(64),
      assessedLoss: '1500000',
    });
    expect(report.status).toBe(200);
    expect((await step(insurer, { action: 'APPROVE_PARTIALLY', amount: '1500000' })).status).toBe(
      200,
    );
    const payment = await step(insurer, { action: 'REQUEST_PAYMENT' });
    expect(payment.body.claim).toMatchObject({
      status: 'PAYMENT_PENDING',
      settlementAmount: '1400000',
    });
    expect(
      (await step(insurer, { action: 'CONFIRM_PAYMENT', reference: 'SWIFT-123' })).status,
    ).toBe(200);
    const subrogation = await step(insurer, {
      action: 'OPEN_SUBROGATION',
      against: 'the carrier PJCL',
    });
    expect(subrogation.body.claim).toMatchObject({
      status: 'SUBROGATION_OPEN',
      paidAmount: '1400000',
    });

    const view = await callInsurer(
      insurers.org1,
      await claimant(insurers.org1),
      'GET',
      `/claims/${claimId}`,
    );
    expect(view.status).toBe(200);
    expect((view.body.timeBars as { name: string }[]).map((c) => c.name)).toEqual(
      expect.arrayContaining(['NOTICE_OF_LOSS', 'SUIT_AGAINST_CARRIER']),
    );
    const stranger = await callInsurer(
      insurers.org2,
      await insurers.org2.insurerToken(),
      'GET',
      `/claims/${claimId}`,
    );
    expect(stranger.status).toBe(404);
    // Another insurer's consignee shares the directory id, not the identity: it sees nothing.
    const namesake = await callInsurer(
      insurers.org1,
      await insurers.org2.tokenFor('consignee', ['claims:claimant']),
      'GET',
      `/claims/${claimId}`,
    );
    expect(namesake.status).toBe(404);
  });

  it('puts both claims on fraud hold when the same cargo is claimed at a second insurer', async () => {
    const container = containerNumber('PJCU');
    const ebl = `EBL${tag()}`;
    const shipment = { eblReference: ebl, containers: [container], lots: [] };
    const atFirst = await policy(insurers.org1, { shipment });
    const atSecond = await policy(insurers.org2, { shipment });
    const notice = (policyId: string) => ({
      policyId,
      peril: 'SINKING',
      lossDate: dayFromToday(-3),
      discoveredDate: dayFromToday(-2),
      place: 'at sea',
      containers: [container],
      eblReference: ebl,
      claimedAmount: '3000000',
      currency: 'USD',
    });
    const first = await callInsurer(
      insurers.org1,
      await claimant(insurers.org1),
      'POST',
      '/claims',
      notice(atFirst),
    );
    expect(first.body.claim).toMatchObject({ status: 'NOTIFIED', duplicateMatches: 0 });
    const second = await callInsurer(
      insurers.org2,
      await claimant(insurers.org2),
      'POST',
      '/claims',
      notice(atSecond),
    );
    expect(second.status).toBe(201);
    expect(second.body.claim).toMatchObject({ status: 'FRAUD_HOLD', duplicateMatches: 1 });

    const firstId = (first.body.claim as ClaimRecord).claimId;
    const held = await eventually(async () => {
      const { body } = await callInsurer(
        insurers.org1,
        await insurers.org1.insurerToken(),
        'GET',
        `/claims/${firstId}`,
      );
      const claim = body.claim as ClaimRecord;
      return claim.status === 'FRAUD_HOLD' ? claim : undefined;
    }, 'the first insurer to see its claim on hold');
    expect(held.duplicateMatches).toBe(1);
    expect(JSON.stringify(held)).not.toContain(atSecond);
  });

  it('keeps policy amounts, insured and shipment in the insurer private collection, invisible to the other peer', async () => {
    const policyId = await policy(insurers.org1, {});
    const args = {
      contract: CLAIMS_CONTRACT,
      transaction: ClaimsTransaction.readPolicyPrivateTerms,
      args: [policyId],
    };
    const own = JSON.parse(await org1Peer.evaluate(args)) as {
      sumInsured: string;
      insured: string;
    };
    expect(own.sumInsured).toBe('5000000');
    expect(own.insured).toContain('Org1MSP');
    await expect(org2Peer.evaluate(args)).rejects.toThrow();
    const publicPart = await org2Peer.evaluate({
      contract: CLAIMS_CONTRACT,
      transaction: ClaimsTransaction.readPolicy,
      args: [policyId],
    });
    expect(publicPart).toMatch(/"privateTermsHash":"[0-9a-f]{64}"/);
    expect(publicPart).not.toContain('5000000');
    expect(publicPart).not.toContain('"insured"');
    expect(publicPart).not.toContain('"shipment"');
  });
});
