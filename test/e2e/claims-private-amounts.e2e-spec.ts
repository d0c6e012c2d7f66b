import { randomBytes } from 'node:crypto';
import { ChaincodeEvent } from '@hyperledger/fabric-gateway';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@pujiang/config';
import { CLAIMS_CONTRACT, ClaimRecord, ClaimsEvent, ClaimsTransaction } from '@pujiang/contracts';
import { LedgerConfig, LedgerGateway } from '@pujiang/ledger-client';
import { AppModule as TraceabilityApp } from '../../services/traceability/src/app.module';
import {
  RunningInsurer,
  callInsurer,
  captureReeferLog,
  dayFromToday,
  fileCoverPolicy,
  parametricClaimOf,
  REEFER_2_8C,
  startInsurers,
} from '../support/claims-insurers';
import { containerNumber } from '../support/container-numbers';
import { eventually } from '../support/kafka-probe';
import { organisationAdminFiles } from '../support/ledger-identities';
import { startService } from '../support/running-service';
import { serviceEnv } from '../support/stack-env';

const tag = () => randomBytes(4).toString('hex').toUpperCase();

/**
 * Decision 0009: the money of an insurer's claims (sum insured, claimed,
 * approved and settled amounts, deductible), the insured and the goods
 * (containers, lots, eBL) are not in the chaincode events the other
 * organisation receives. Org2 listens with the most it has: its organisation
 * admin, on its own peer.
 */
describe('claim events kept from the other organisation', () => {
  let traceability: { app: NestFastifyApplication; url: string };
  let insurers: Awaited<ReturnType<typeof startInsurers>>;
  let org2Admin: LedgerGateway;

  beforeAll(async () => {
    traceability = await startService('traceability', TraceabilityApp);
    insurers = await startInsurers(traceability.url);
    const admin = organisationAdminFiles(2);
    org2Admin = new LedgerGateway(
      loadConfig(LedgerConfig, {
        ...serviceEnv('claims', 0, 2),
        FABRIC_CLIENT_CERT: admin.certificateFile,
        FABRIC_CLIENT_KEY: admin.keyFile,
      }),
    );
    await org2Admin.onModuleInit();
  });

  afterAll(async () => {
    org2Admin?.onApplicationShutdown();
    await insurers?.stop();
    await traceability?.app.close();
  });

  /** The block of `txId` as Org2's peer serves it to its own admin. */
  async function blockSeenByOrg2(txId: string): Promise<string> {
    const block = await org2Admin.network
      .getContract('qscc')
      .evaluateTransaction('GetBlockByTxID', org2Admin.network.getName(), txId);
    return Buffer.from(block).toString('latin1');
  }

  /** What Org2's peer answers its admin for a claims read, or the refusal it gives. */
  async function readSeenByOrg2(transaction: string, id: string): Promise<string> {
    try {
      return await org2Admin.evaluate({ contract: CLAIMS_CONTRACT, transaction, args: [id] });
    } catch (error) {
      return `refused: ${String(error)}`;
    }
  }

  const act = (insurer: RunningInsurer, token: string, claimId: string, body: object) =>
    callInsurer(insurer, token, 'POST', `/claims/${claimId}/actions`, body);

  it('tells Org2 neither the money, the insured nor the goods of a parametric and a notified claim', async () => {
    const events: ChaincodeEvent[] = [];
    const stream = await org2Admin.network.getChaincodeEvents(org2Admin.chaincodeName);
    const collecting = (async () => {
      for await (const event of stream) events.push(event);
    })().catch(() => undefined);

    // Figures no other test uses, so that any occurrence is this test's leak.
    const amounts = { sumInsured: '7345617', premium: '31415', deductible: '123457' };
    const settlement = String(Number(amounts.sumInsured) - Number(amounts.deductible));
    const reeferContainer = containerNumber('PJCU');
    const reeferEbl = `EBL${tag()}`;
    const lot = `https://id.gs1.org/01/09506000134352/10/LOT${tag()}`;
    const reeferPolicy = await fileCoverPolicy(insurers.org1, {
      shipment: { eblReference: reeferEbl, containers: [reeferContainer], lots: [lot] },
      parametricTriggers: [REEFER_2_8C],
      amounts,
    });
    // Above 8 °C for 45 minutes.
    const capture = await captureReeferLog(
      traceability.url,
      reeferContainer,
      [50, 95, 105, 110, 60],
    );
    expect(capture.status).toBe(202);
    const token = await insurers.org1.insurerToken();
    const parametric = await parametricClaimOf(insurers.org1, reeferPolicy.policyId);
    // The insurer's own service still shows it all.
    expect(parametric).toMatchObject({
      claimedAmount: amounts.sumInsured,
      containers: [reeferContainer],
    });
    for (const action of ['START_ASSESSMENT', 'APPROVE']) {
      expect((await act(insurers.org1, token, parametric.claimId, { action })).status).toBe(200);
    }
    const payment = await act(insurers.org1, token, parametric.claimId, {
      action: 'REQUEST_PAYMENT',
    });
    expect(payment.body.claim).toMatchObject({ settlementAmount: settlement });
    const paid = await act(insurers.org1, token, parametric.claimId, {
      action: 'CONFIRM_PAYMENT',
      reference: `SWIFT-${tag()}`,
    });
    expect(paid.status).toBe(200);
    const paidClaim = paid.body.claim as ClaimRecord;

    // A notice of loss by the consignee, under a policy of its own.
    const noticeContainer = containerNumber('PJCU');
    const noticeEbl = `EBL${tag()}`;
    const claimedAmount = '2718281';
    const noticePolicy = await fileCoverPolicy(insurers.org1, {
      shipment: { eblReference: noticeEbl, containers: [noticeContainer], lots: [] },
      amounts: { sumInsured: '8271828', premium: '27182', deductible: '271828' },
    });
    const notified = await callInsurer(
      insurers.org1,
      await insurers.org1.tokenFor('consignee', ['claims:claimant']),
      'POST',
      '/claims',
      {
        policyId: noticePolicy.policyId,
        peril: 'COLLISION',
        lossDate: dayFromToday(-2),
        discoveredDate: dayFromToday(-1),
        place: 'NLRTM',
        containers: [noticeContainer],
        eblReference: noticeEbl,
        claimedAmount,
        currency: 'USD',
      },
    );
    expect(notified.status).toBe(201);
    const noticeClaim = notified.body.claim as ClaimRecord;
    const approvedAmount = '1618033';
    expect(
      (await act(insurers.org1, token, noticeClaim.claimId, { action: 'START_ASSESSMENT' })).status,
    ).toBe(200);
    const approved = await act(insurers.org1, token, noticeClaim.claimId, {
      action: 'APPROVE_PARTIALLY',
      amount: approvedAmount,
    });
    expect(approved.status).toBe(200);
    const approvedClaim = approved.body.claim as ClaimRecord;

    const lastTxIds = [paidClaim.lastTxId, approvedClaim.lastTxId];
    await eventually(
      () =>
        Promise.resolve(
          lastTxIds.every((txId) => events.some((e) => e.transactionId === txId)) || undefined,
        ),
      'Org2 to receive the events of the payment and the approval',
    );
    stream.close();
    await collecting;

    // The claims contract's events. The reefer's registration (Devices contract) names its
    // container on purpose: a device's attachments are public (decision 0017).
    const claimEvents = new Set<string>(Object.values(ClaimsEvent));
    const eventPayloads = events
      .filter((e) => claimEvents.has(e.eventName))
      .map((e) => Buffer.from(e.payload).toString('utf8'));
    // Org2 did receive the events of both claims: the test looks where the secrets would be.
    expect(eventPayloads.join('\n')).toContain(parametric.claimId);
    expect(eventPayloads.join('\n')).toContain(noticeClaim.claimId);

    const secrets = {
      sumInsured: amounts.sumInsured,
      premium: amounts.premium,
      deductible: amounts.deductible,
      settlement,
      claimedAmount,
      approvedAmount,
      insured: reeferPolicy.insured,
      reeferContainer,
      noticeContainer,
      lot,
      reeferEbl,
      noticeEbl,
    };
    const leaked = Object.entries(secrets)
      .filter(([, secret]) => eventPayloads.some((text) => text.includes(secret)))
      .map(([name]) => name);
    expect(leaked).toEqual([]);

    // The open part of issue 15 item 6: the blocks and Org2's own peer.
    const txIds = [
      reeferPolicy.txId,
      noticePolicy.txId,
      ...paidClaim.history.map((entry) => entry.txId),
      ...approvedClaim.history.map((entry) => entry.txId),
      ...paidClaim.documents.map((document) => document.txId),
    ];
    const blocks = await Promise.all([...new Set(txIds)].map(blockSeenByOrg2));
    expect(blocks.join('\n')).toContain(noticeClaim.claimId);
    const reads = await Promise.all([
      readSeenByOrg2(ClaimsTransaction.readPolicy, reeferPolicy.policyId),
      readSeenByOrg2(ClaimsTransaction.readPolicy, noticePolicy.policyId),
      readSeenByOrg2(ClaimsTransaction.readClaim, parametric.claimId),
      readSeenByOrg2(ClaimsTransaction.readClaim, noticeClaim.claimId),
    ]);
    const leaks = (seen: string[]) =>
      Object.entries(secrets)
        .filter(([, secret]) => seen.some((text) => text.includes(secret)))
        .map(([name]) => name);
    expect({ blocks: leaks(blocks), peerReads: leaks(reads) }).toEqual({
      blocks: [],
      peerReads: [],
    });
  });
});
