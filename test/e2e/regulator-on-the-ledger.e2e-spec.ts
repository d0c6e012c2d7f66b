import { createHash, randomBytes } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@pujiang/config';
import {
  CLAIMS_CONTRACT,
  ClaimDisclosure,
  ClaimRecord,
  ClaimStub,
  ClaimsTransaction,
  DisclosedClaim,
  EBL_CONTRACT,
  EblTransaction,
  LedgerErrorCode,
  REGULATOR_MSP_ID,
  TRACE_ACCESS_CONTRACT,
  TRACE_ANCHOR_CONTRACT,
  TraceAccessTransaction,
  TraceAnchorTransaction,
  VESSELS_CONTRACT,
  VesselTransaction,
} from '@pujiang/contracts';
import { Invocation, LedgerConfig, LedgerGateway, LedgerSession } from '@pujiang/ledger-client';
import { imoCheckDigit } from '@pujiang/standards';
import {
  RunningInsurer,
  callInsurer,
  dayFromToday,
  fileCoverPolicy,
  startInsurers,
} from '../support/claims-insurers';
import { containerNumber } from '../support/container-numbers';
import {
  StackIdentity,
  partyIdentity,
  regulatorInspector,
  serviceIdentity,
} from '../support/ledger-identities';
import { regulatorLedgerEnv, serviceEnv } from '../support/stack-env';
import { AppModule as SupervisionApp } from '../../services/supervision/src/app.module';
import { startService } from '../support/running-service';
import { bearer } from '../support/stack-tokens';

const tag = () => randomBytes(5).toString('hex').toUpperCase();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const imoOf = (seed: string) => {
  const stem = String(
    100_000 + (createHash('sha256').update(seed).digest().readUInt32BE() % 900_000),
  );
  return `${stem}${imoCheckDigit(stem)}`;
};

/**
 * Issue 20 item 1, decision 0035: the regulator, a third organisation of the
 * channel, reads the public records of traceability, eBL, claims and vessels
 * through its own peer; reads a claim's private fields only once the insurer
 * disclosed them, which the ledger records (who, what, when); and writes
 * nothing, each contract's chaincode refusing it. Org2 learns no private value.
 */
describe('the regulator on the ledger', () => {
  let org1: LedgerGateway;
  let org2: LedgerGateway;
  let regulator: LedgerGateway;
  let insurers: Awaited<ReturnType<typeof startInsurers>>;
  let supervision: { app: NestFastifyApplication; url: string };

  beforeAll(async () => {
    org1 = new LedgerGateway(loadConfig(LedgerConfig, serviceEnv('ledger', 0, 1)));
    org2 = new LedgerGateway(loadConfig(LedgerConfig, serviceEnv('claims', 0, 2)));
    regulator = new LedgerGateway(loadConfig(LedgerConfig, regulatorLedgerEnv()));
    for (const gateway of [org1, org2, regulator]) await gateway.onModuleInit();
    // No traceability is asked: no claim here attaches evidence.
    insurers = await startInsurers('http://127.0.0.1:1');
    supervision = await startService('supervision', SupervisionApp);
  });

  afterAll(async () => {
    await insurers?.stop();
    await supervision?.app.close();
    for (const gateway of [org1, org2, regulator]) gateway?.onApplicationShutdown();
  });

  /** An evaluation answered by the regulator's own peer only (the gateway asks no other). */
  const readAsRegulator = (invocation: Invocation) =>
    regulator.evaluate({ ...invocation, endorsingOrganizations: [REGULATOR_MSP_ID] });
  const as = (who: StackIdentity): LedgerSession =>
    (who.mspId === 'Org1MSP' ? org1 : org2).actingAs(who);
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => 'done',
      (error: { code?: string; message?: string }) =>
        `${error.code ?? 'unknown'}: ${error.message ?? ''}`,
    );

  /** A claim of Org1's insurer, notified by its consignee: its record as the insurer reads it. */
  async function notifiedClaim(insurer: RunningInsurer): Promise<ClaimRecord> {
    const container = containerNumber('PJCU');
    const policy = await fileCoverPolicy(insurer, {
      shipment: { containers: [container], lots: [] },
      amounts: { sumInsured: '9137113', premium: '31337', deductible: '137113' },
    });
    const notified = await callInsurer(
      insurer,
      await insurer.tokenFor('consignee', ['claims:claimant']),
      'POST',
      '/claims',
      {
        policyId: policy.policyId,
        peril: 'HEAVY_WEATHER',
        lossDate: dayFromToday(-3),
        discoveredDate: dayFromToday(-2),
        place: 'NLRTM',
        containers: [container],
        claimedAmount: '4242871',
        currency: 'USD',
      },
    );
    expect(notified.status).toBe(201);
    return notified.body.claim as ClaimRecord;
  }

  it('reads anchors, grants, bills of lading, claims’ public parts and vessels through its own peer', async () => {
    const batchId = `regulator-${tag()}`;
    const root = sha256(batchId);
    await as(serviceIdentity(1, 'ANCHORER')).submit({
      contract: TRACE_ANCHOR_CONTRACT,
      transaction: TraceAnchorTransaction.anchorBatch,
      args: [batchId, root, '3'],
    });
    const reference = `REG${tag()}`;
    const holder = partyIdentity(1, 'EBL_PJA', 'bank').party;
    await as(partyIdentity(1, 'EBL_PJA', 'carrier')).submit({
      contract: EBL_CONTRACT,
      transaction: EblTransaction.issue,
      args: [reference, sha256(reference), 'true', holder, ''],
    });
    const imoNumber = imoOf(reference);
    await as(partyIdentity(1, 'VESSELS_ORG1', 'registry')).submit({
      contract: VESSELS_CONTRACT,
      transaction: VesselTransaction.register,
      args: [
        JSON.stringify({
          imoNumber,
          name: 'Supervised Pioneer',
          grossTonnage: 28_000,
          portOfRegistry: 'Panama',
          owner: { mspId: 'Org1MSP', name: 'Huangpu Bulk Shipping Co.' },
        }),
      ],
    });
    const claim = await notifiedClaim(insurers.org1);

    const batch = JSON.parse(
      await readAsRegulator({
        contract: TRACE_ANCHOR_CONTRACT,
        transaction: TraceAnchorTransaction.readBatch,
        args: ['Org1MSP', batchId],
      }),
    ) as Record<string, unknown>;
    expect(batch).toMatchObject({
      batchId,
      merkleRoot: root,
      eventCount: 3,
      submitterMspId: 'Org1MSP',
    });
    const grants = JSON.parse(
      await readAsRegulator({
        contract: TRACE_ACCESS_CONTRACT,
        transaction: TraceAccessTransaction.listGrants,
        args: ['Org1MSP'],
      }),
    ) as unknown[];
    expect(Array.isArray(grants)).toBe(true);
    const ebl = JSON.parse(
      await readAsRegulator({
        contract: EBL_CONTRACT,
        transaction: EblTransaction.read,
        args: ['Org1MSP', reference],
      }),
    ) as Record<string, unknown>;
    expect(ebl).toMatchObject({ transportDocumentReference: reference, status: 'ISSUED' });
    const stub = JSON.parse(
      await readAsRegulator({
        contract: CLAIMS_CONTRACT,
        transaction: ClaimsTransaction.readClaimStub,
        args: [claim.claimId],
      }),
    ) as ClaimStub;
    expect(stub).toMatchObject({
      claimId: claim.claimId,
      insurerMsp: 'Org1MSP',
      status: claim.status,
    });
    expect(JSON.stringify(stub)).not.toContain(claim.claimedAmount);
    const vessel = JSON.parse(
      await readAsRegulator({
        contract: VESSELS_CONTRACT,
        transaction: VesselTransaction.readVessel,
        args: [imoNumber],
      }),
    ) as Record<string, unknown>;
    expect(vessel).toMatchObject({ imoNumber, status: 'REGISTERED' });
    expect(JSON.stringify(vessel.names)).toContain('Supervised Pioneer');
    // The claim's details stay the insurer's: the regulator is outside its collection.
    expect(
      await refusal(
        readAsRegulator({
          contract: CLAIMS_CONTRACT,
          transaction: ClaimsTransaction.readClaim,
          args: [claim.claimId],
        }),
      ),
    ).not.toBe('done');
  }, 180_000);

  it('reads a claim’s private fields once its insurer disclosed them, and the disclosure is on the ledger', async () => {
    const claim = await notifiedClaim(insurers.org1);
    const underwriter = await insurers.org1.insurerToken();
    const path = `/claims/${claim.claimId}/disclosures`;

    const bad = await fetch(`${insurers.org1.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${underwriter}` },
      body: JSON.stringify({ fields: ['claimedAmount', 'salt'] }),
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const byClaimant = await callInsurer(
      insurers.org1,
      await insurers.org1.tokenFor('consignee', ['claims:claimant']),
      'POST',
      path,
      { fields: ['claimedAmount'] },
    );
    expect(byClaimant.status).toBe(403);
    const stubBefore = JSON.parse(
      await readAsRegulator({
        contract: CLAIMS_CONTRACT,
        transaction: ClaimsTransaction.readClaimStub,
        args: [claim.claimId],
      }),
    ) as ClaimStub;
    expect(stubBefore.disclosures).toBeUndefined();

    const disclosed = await callInsurer(insurers.org1, underwriter, 'POST', path, {
      fields: ['claimedAmount', 'currency', 'claimant'],
    });

    expect(disclosed.status).toBe(201);
    const disclosure = disclosed.body.disclosure as ClaimDisclosure;
    expect(disclosure).toMatchObject({
      regulatorMsp: REGULATOR_MSP_ID,
      fields: ['claimedAmount', 'currency', 'claimant'],
      disclosedBy: serviceIdentity(1, 'INSURER').party,
    });
    expect(JSON.stringify(disclosed.body)).not.toContain(claim.claimedAmount);
    // The record, read back from the ledger through the regulator's peer: who, what, when.
    const stub = JSON.parse(
      await readAsRegulator({
        contract: CLAIMS_CONTRACT,
        transaction: ClaimsTransaction.readClaimStub,
        args: [claim.claimId],
      }),
    ) as ClaimStub;
    expect(stub.disclosures).toEqual([disclosure]);
    expect(Date.parse(disclosure.at)).toBeGreaterThan(Date.parse(claim.notifiedAt));
    const read = JSON.parse(
      await readAsRegulator({
        contract: CLAIMS_CONTRACT,
        transaction: ClaimsTransaction.readDisclosure,
        args: [claim.claimId, disclosure.txId],
      }),
    ) as DisclosedClaim;
    expect(read).toEqual({
      claimId: claim.claimId,
      insurerMsp: 'Org1MSP',
      disclosure,
      values: {
        claimedAmount: claim.claimedAmount,
        currency: claim.currency,
        claimant: claim.claimant,
      },
    });
    // The same through the regulator's supervision service (its inspector, its own peer).
    const supervisor = await bearer({
      organisation: REGULATOR_MSP_ID,
      party: 'inspector',
      roles: ['supervisor'],
    });
    const overHttp = async (path: string) => {
      const answer = await fetch(`${supervision.url}${path}`, { headers: supervisor });
      return { status: answer.status, body: await answer.json() };
    };
    expect(await overHttp(`/ledger/claims/${claim.claimId}`)).toEqual({
      status: 200,
      body: { domain: 'claims', readAs: REGULATOR_MSP_ID, record: stub },
    });
    expect(
      await overHttp(`/ledger/claims/${claim.claimId}/disclosures/${disclosure.txId}`),
    ).toEqual({ status: 200, body: { domain: 'claims', readAs: REGULATOR_MSP_ID, record: read } });
    const undisclosed = await overHttp(
      `/ledger/claims/${claim.claimId}/disclosures/${'0'.repeat(64)}`,
    );
    expect(undisclosed.status).toBeGreaterThanOrEqual(400);
    expect(undisclosed.status).toBeLessThan(500);

    // Org2 sees the record (a public fact), never the values: its peer holds no copy,
    // and the chaincode answers disclosures to the regulator alone.
    const org2Reads = await Promise.all([
      refusal(
        org2.evaluate({
          contract: CLAIMS_CONTRACT,
          transaction: ClaimsTransaction.readDisclosure,
          args: [claim.claimId, disclosure.txId],
        }),
      ),
      refusal(
        org2.evaluate({
          contract: CLAIMS_CONTRACT,
          transaction: ClaimsTransaction.readClaim,
          args: [claim.claimId],
        }),
      ),
      org2.evaluate({
        contract: CLAIMS_CONTRACT,
        transaction: ClaimsTransaction.readClaimStub,
        args: [claim.claimId],
      }),
    ]);
    const block = await org2.network
      .getContract('qscc')
      .evaluateTransaction('GetBlockByTxID', org2.network.getName(), disclosure.txId);
    expect(Buffer.from(block).toString('latin1')).toContain(claim.claimId);
    expect(Buffer.from(block).toString('latin1')).not.toContain(claim.claimedAmount);
    expect(org2Reads[0]).toContain(LedgerErrorCode.forbidden);
    expect(org2Reads[1]).not.toBe('done');
    expect(org2Reads.join('\n')).not.toContain(claim.claimedAmount);
    expect(org2Reads.join('\n')).not.toContain(claim.claimant);
  }, 180_000);

  it('writes nothing: each contract’s chaincode refuses the regulator, through its own gateway', async () => {
    const inspector = regulator.actingAs(regulatorInspector());
    const key = tag();
    const writes: Record<string, Invocation> = {
      'TraceAnchor.anchorBatch': {
        contract: TRACE_ANCHOR_CONTRACT,
        transaction: TraceAnchorTransaction.anchorBatch,
        args: [`regulator-${key}`, sha256(key), '1'],
      },
      'TraceAccess.grant': {
        contract: TRACE_ACCESS_CONTRACT,
        transaction: TraceAccessTransaction.grant,
        args: [
          `g-${key}`,
          JSON.stringify({
            grantee: 'PUBLIC',
            scope: { companyPrefix: '9506000' },
          }),
        ],
      },
      'Ebl.issue': {
        contract: EBL_CONTRACT,
        transaction: EblTransaction.issue,
        args: [
          `REG${key}`,
          sha256(key),
          'true',
          `${REGULATOR_MSP_ID}::Inspector@regulator.pujiang.test`,
          '',
        ],
      },
      'Claims.createPolicy': {
        contract: CLAIMS_CONTRACT,
        transaction: ClaimsTransaction.createPolicy,
        args: ['{}'],
      },
      'Vessels.register': {
        contract: VESSELS_CONTRACT,
        transaction: VesselTransaction.register,
        args: [
          JSON.stringify({
            imoNumber: imoOf(key),
            name: 'Never Registered',
            grossTonnage: 1_000,
            portOfRegistry: 'Panama',
            owner: { mspId: 'Org1MSP', name: 'Huangpu Bulk Shipping Co.' },
          }),
        ],
      },
    };
    const answers: Record<string, string> = {};
    for (const [name, invocation] of Object.entries(writes)) {
      answers[name] = await refusal(inspector.submit(invocation));
    }
    for (const [name, answer] of Object.entries(answers)) {
      expect(`${name} → ${answer}`).toMatch(
        new RegExp(
          `^${name.replace('.', '\\.')} → ${LedgerErrorCode.forbidden}: .*${name.replace('.', '\\.')} writes to the ledger, and the regulator \\(${REGULATOR_MSP_ID}, role regulator\\) reads only`,
        ),
      );
    }
    // Nothing was written: the batch and the bill are not on the ledger.
    expect(
      await refusal(
        readAsRegulator({
          contract: TRACE_ANCHOR_CONTRACT,
          transaction: TraceAnchorTransaction.readBatch,
          args: [REGULATOR_MSP_ID, `regulator-${key}`],
        }),
      ),
    ).toContain(LedgerErrorCode.notFound);
    expect(
      await refusal(
        readAsRegulator({
          contract: EBL_CONTRACT,
          transaction: EblTransaction.read,
          args: [REGULATOR_MSP_ID, `REG${key}`],
        }),
      ),
    ).toContain(LedgerErrorCode.notFound);
  }, 120_000);
});
