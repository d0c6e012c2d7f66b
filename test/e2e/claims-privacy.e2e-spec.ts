import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  CLAIMS_CONTRACT,
  ClaimRecord,
  ClaimsTransaction,
  ClaimsTransientKey,
  InsurerPolicyView,
} from '@pujiang/contracts';
import { LedgerGateway } from '@pujiang/ledger-client';
import { fingerprints } from '../../services/claims/src/domain';
import { AppModule as TraceabilityApp } from '../../services/traceability/src/app.module';
import {
  RunningInsurer,
  callInsurer,
  dayFromToday,
  fileCoverPolicy,
  startInsurerPeers,
  startInsurers,
} from '../support/claims-insurers';
import { containerNumber } from '../support/container-numbers';
import { startService } from '../support/running-service';

const tag = () => randomBytes(4).toString('hex').toUpperCase();

/** What a block shows of the duplicate index: the keys a notice wrote, readable by every member. */
const NUL = String.fromCharCode(0);
const FINGERPRINT_KEY = new RegExp(`${NUL}claims\\.fingerprint${NUL}([0-9a-f]{64})${NUL}`, 'g');

/**
 * What one insurer keeps from the other organisations on the channel (decision
 * 0009): the duplicate index, readable in every block, cannot be turned
 * against its claims.
 */
describe('claims kept from the other organisation', () => {
  let traceability: { app: NestFastifyApplication; url: string };
  let insurers: Awaited<ReturnType<typeof startInsurers>>;
  let peers: Awaited<ReturnType<typeof startInsurerPeers>>;
  let org1Peer: LedgerGateway;
  let org2Peer: LedgerGateway;

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

  const readClaim = async (peer: LedgerGateway, claimId: string) =>
    JSON.parse(
      await peer.evaluate({
        contract: CLAIMS_CONTRACT,
        transaction: ClaimsTransaction.readClaim,
        args: [claimId],
      }),
    ) as ClaimRecord;

  /** A transaction's block, as any member of the channel reads it. */
  async function blockOf(peer: LedgerGateway, txId: string): Promise<string> {
    const block = await peer.network
      .getContract('qscc')
      .evaluateTransaction('GetBlockByTxID', peer.network.getName(), txId);
    return Buffer.from(block).toString('latin1');
  }

  /** The duplicate index entries a transaction wrote, read from its block. */
  async function publicFingerprints(peer: LedgerGateway, txId: string): Promise<string[]> {
    const text = await blockOf(peer, txId);
    return [...new Set([...text.matchAll(FINGERPRINT_KEY)].map((m) => m[1] ?? ''))];
  }

  /**
   * A notice given straight to the chaincode by Org2's insurer, presenting
   * fingerprints of its choosing as the fingerprints of its own claim: the
   * notice into its own collection, then the registration every peer endorses.
   */
  async function noticePresenting(
    policyRecord: InsurerPolicyView,
    fingerprints: string[],
  ): Promise<ClaimRecord> {
    const [trigger] = policyRecord.parametricTriggers;
    const notice = {
      claimId: randomUUID(),
      policyId: policyRecord.policyId,
      peril: 'DELAY',
      lossDate: dayFromToday(-5),
      discoveredDate: dayFromToday(-1),
      place: 'in transit',
      containers: policyRecord.shipment.containers,
      claimedAmount: '1000',
      currency: 'USD',
      parametric: { triggerId: trigger?.triggerId ?? '', evidenceHash: 'e'.repeat(64) },
      salt: randomBytes(16).toString('hex'),
    };
    await org2Peer.submit({
      contract: CLAIMS_CONTRACT,
      transaction: ClaimsTransaction.notifyLoss,
      args: [],
      transientData: { [ClaimsTransientKey.notice]: Buffer.from(JSON.stringify(notice)) },
      endorsingOrganizations: ['Org2MSP'],
    });
    await org2Peer.submit({
      contract: CLAIMS_CONTRACT,
      transaction: ClaimsTransaction.registerClaim,
      args: [notice.claimId, notice.policyId, notice.parametric.triggerId],
      transientData: {
        [ClaimsTransientKey.fingerprints]: Buffer.from(
          JSON.stringify({ register: fingerprints, probe: fingerprints }),
        ),
      },
    });
    return readClaim(org2Peer, notice.claimId);
  }

  it('a fingerprint copied from the ledger puts no claim of another insurer on hold', async () => {
    const container = containerNumber('PJCU');
    const ebl = `EBL${tag()}`;
    const victimPolicy = await fileCoverPolicy(insurers.org1, {
      shipment: { eblReference: ebl, containers: [container], lots: [] },
    });
    const victim = await callInsurer(
      insurers.org1,
      await insurers.org1.tokenFor('consignee', ['claims:claimant']),
      'POST',
      '/claims',
      {
        policyId: victimPolicy.policyId,
        peril: 'SINKING',
        lossDate: dayFromToday(-3),
        discoveredDate: dayFromToday(-2),
        place: 'at sea',
        containers: [container],
        eblReference: ebl,
        claimedAmount: '3000000',
        currency: 'USD',
      },
    );
    expect(victim.status).toBe(201);
    const victimClaim = victim.body.claim as ClaimRecord;

    const copied = await publicFingerprints(org2Peer, victimClaim.lastTxId);
    expect(copied.length).toBeGreaterThan(0);

    // A competitor's own policy, with a trigger that has already fired.
    const attackerPolicy = await fileCoverPolicy(insurers.org2, {
      parametricTriggers: [
        { triggerId: 'late', kind: 'LATE_ARRIVAL', etaDate: dayFromToday(-20), graceDays: 0 },
      ],
    });
    const attack = await noticePresenting(attackerPolicy, copied);
    expect(attack.status).toBe('NOTIFIED');
    expect(attack.duplicateMatches).toBe(0);

    const after = await readClaim(org1Peer, victimClaim.claimId);
    expect(after).toMatchObject({ status: 'NOTIFIED', duplicateMatches: 0 });
    // The real fingerprints, which only the consortium key computes, are nowhere in the block.
    const key = Buffer.from(
      readFileSync(process.env.CLAIMS_FINGERPRINT_KEY_FILE ?? '', 'utf8').trim(),
      'hex',
    );
    const real = fingerprints(
      { eblReference: ebl, containers: [container], lossDate: dayFromToday(-3) },
      key,
    );
    const block = await blockOf(org2Peer, victimClaim.lastTxId);
    expect([...real.register, ...real.probe].filter((f) => block.includes(f))).toEqual([]);
  });

  it('still finds the same cargo claimed at another insurer a week later, through the probed windows', async () => {
    const container = containerNumber('PJCU');
    const ebl = `EBL${tag()}`;
    const shipment = { eblReference: ebl, containers: [container], lots: [] };
    const notice = (policyId: string, lossDay: number) => ({
      policyId,
      peril: 'SINKING',
      lossDate: dayFromToday(lossDay),
      discoveredDate: dayFromToday(lossDay + 1),
      place: 'at sea',
      containers: [container],
      eblReference: ebl,
      claimedAmount: '3000000',
      currency: 'USD',
    });
    const claimant = (insurer: RunningInsurer) =>
      insurer.tokenFor('consignee', ['claims:claimant']);
    const atFirst = (await fileCoverPolicy(insurers.org1, { shipment })).policyId;
    const atSecond = (await fileCoverPolicy(insurers.org2, { shipment })).policyId;

    const first = await callInsurer(
      insurers.org1,
      await claimant(insurers.org1),
      'POST',
      '/claims',
      notice(atFirst, -10),
    );
    expect(first.status).toBe(201);
    // Seven days later is always the next 7-day window: found by a probe, not by the same window.
    const second = await callInsurer(
      insurers.org2,
      await claimant(insurers.org2),
      'POST',
      '/claims',
      notice(atSecond, -3),
    );
    expect(second.body.claim).toMatchObject({ status: 'FRAUD_HOLD', duplicateMatches: 1 });
    const firstId = (first.body.claim as ClaimRecord).claimId;
    expect(await readClaim(org1Peer, firstId)).toMatchObject({
      status: 'FRAUD_HOLD',
      duplicateMatches: 1,
    });
  });
});
