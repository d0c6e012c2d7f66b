import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EvidenceBundle } from '@pujiang/evidence';
import { AppModule as LedgerApp } from '../../services/ledger/src/app.module';
import { AppModule as TraceabilityApp } from '../../services/traceability/src/app.module';
import { supplyChainDocument } from '../../services/traceability/src/epcis/testing/supply-chain.fixture';
import {
  REEFER_2_8C,
  captureReeferLog,
  fileCoverPolicy,
  parametricClaimOf,
  startInsurers,
} from '../support/claims-insurers';
import { CarrierSystem } from '../support/carrier-system';
import { containerNumber } from '../support/container-numbers';
import { issueToShipper } from '../support/ebl-issuance';
import { EblWorld, startEblWorld } from '../support/ebl-platforms';
import { eventually } from '../support/kafka-probe';
import { pujiang } from '../support/pujiang-cli';
import { startService } from '../support/running-service';
import { ORG1_PACKER, bearer, stackToken } from '../support/stack-tokens';

/** Where the e2e keeps the sample bundle when asked to (UPDATE_EVIDENCE_FIXTURE=1). */
const FIXTURE = join(__dirname, '..', 'fixtures', 'evidence', 'claim-bundle.json');

/**
 * Evidence bundles on the real stack: a parametric claim's bundle (the claim,
 * its steps' transactions and its reefer evidence anchored in a batch)
 * verifies offline with the CLI, and a tampered copy fails with its reason;
 * a lot's and an eBL's bundles verify too; only the parties may ask for them.
 */
describe('evidence bundles a court can check offline', () => {
  let traceability: { app: NestFastifyApplication; url: string };
  let insurers: Awaited<ReturnType<typeof startInsurers>>;
  let ledger: { app: NestFastifyApplication; url: string };
  const carrier = new CarrierSystem();
  let ebl: EblWorld;
  const dir = mkdtempSync(join(tmpdir(), 'evidence-'));

  beforeAll(async () => {
    traceability = await startService('traceability', TraceabilityApp);
    insurers = await startInsurers(traceability.url);
    process.env.CLAIMS_URL = insurers.org1.url;
    process.env.TRACEABILITY_URL = traceability.url;
    ledger = await startService('ledger', LedgerApp);
    ebl = await startEblWorld(await carrier.start());
  }, 300_000);

  afterAll(async () => {
    await ebl?.stop();
    await carrier.stop();
    await ledger?.app.close();
    await insurers?.stop();
    await traceability?.app.close();
  });

  const ask = async (token: string | undefined, body: unknown) => {
    const res = await fetch(`${ledger.url}/evidence-bundles`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      body: await res.json(),
    };
  };

  const saved = (name: string, bundle: unknown): string => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(bundle, null, 2));
    return file;
  };

  let claimBundle: EvidenceBundle;

  it('bundles a parametric claim with its steps and its anchored reefer evidence, and the CLI verifies it offline', async () => {
    const container = containerNumber('PJCU');
    const { policyId } = await fileCoverPolicy(insurers.org1, {
      shipment: {
        eblReference: `EBL${randomBytes(4).toString('hex').toUpperCase()}`,
        containers: [container],
        lots: [],
      },
      parametricTriggers: [REEFER_2_8C],
    });
    expect(
      (await captureReeferLog(traceability.url, container, [50, 95, 105, 110, 60])).status,
    ).toBe(202);
    const claim = await parametricClaimOf(insurers.org1, policyId);
    // The insurer's staff, who may also read the traceability evidence it cites.
    const insurer = await insurers.org1.tokenFor('underwriter-1', [
      'claims:insurer',
      'trace:query',
    ]);

    claimBundle = await eventually(
      async () => {
        const answer = await ask(insurer, { kind: 'claim', id: claim.claimId });
        expect(answer.status).toBe(201);
        const bundle = answer.body as EvidenceBundle;
        return bundle.anchoredEvents.length > 0 ? bundle : undefined;
      },
      'the claim bundle with its anchored evidence',
      60_000,
    );
    expect(claimBundle.records.map((r) => r.kind)).toEqual(['ledger-state', 'claim']);
    expect(claimBundle.transactions.length).toBeGreaterThanOrEqual(2);
    if (process.env.UPDATE_EVIDENCE_FIXTURE === '1') {
      writeFileSync(FIXTURE, `${JSON.stringify(claimBundle, null, 2)}\n`);
    }

    const pdf = join(dir, 'claim-report.pdf');
    const checked = await pujiang(
      'evidence',
      'verify',
      saved('claim.json', claimBundle),
      '--pdf',
      pdf,
    );
    expect(checked.err).toEqual([]);
    expect(checked.code).toBe(0);
    expect(checked.out[1]).toBe('Verdict: VERIFIED');
    expect(checked.out.join('\n')).toMatch(/submitted by Org1MSP .*CN=/);
    expect(checked.out.join('\n')).toMatch(/Signed by Org1MSP .*CN=/);
    expect(checked.out.join('\n')).toMatch(/Claims:registerClaim/);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses a tampered copy of the claim bundle, naming what was changed', async () => {
    const tampered = structuredClone(claimBundle);
    const stub = tampered.records[0];
    if (stub?.kind !== 'ledger-state') throw new Error('expected the public record first');
    stub.value = stub.value.replace('"status":"', '"status":"X');
    const result = await pujiang('evidence', 'verify', saved('tampered.json', tampered));
    expect(result.code).toBe(1);
    expect(result.out[1]).toBe('Verdict: NOT VERIFIED');
    expect(result.err.join('\n')).toMatch(/does not hash to its sha256/);
  });

  it('bundles a lot: its events, their Merkle proofs and the batches that anchored them', async () => {
    const packer = await bearer(ORG1_PACKER);
    const tag = randomBytes(3).toString('hex');
    const captured = await fetch(`${traceability.url}/capture`, {
      method: 'POST',
      headers: { ...packer, 'content-type': 'application/ld+json' },
      body: JSON.stringify(supplyChainDocument(tag)),
    });
    expect(captured.status).toBe(202);
    const lot = `https://id.gs1.org/01/09520123456788/10/${tag}-A`;
    const token = await stackToken(ORG1_PACKER);
    const bundle = await eventually(
      async () => {
        const answer = await ask(token, { kind: 'lot', id: lot });
        if (answer.status !== 201) return undefined;
        const found = answer.body as EvidenceBundle;
        return found.anchoredEvents.length >= 2 && found.omissions.length === 0 ? found : undefined;
      },
      'the lot bundle with every event anchored',
      60_000,
    );

    const checked = await pujiang('evidence', 'verify', saved('lot.json', bundle));
    expect(checked.err).toEqual([]);
    expect(checked.code).toBe(0);
    expect(checked.out.join('\n')).toMatch(/anchorBatch/);
  });

  it("bundles an eBL's ledger record for an organisation named in it, and for no other", async () => {
    const reference = `EVB${randomBytes(5).toString('hex').toUpperCase()}`;
    expect((await issueToShipper(ebl, reference, false)).status).toBe(204);
    const id = `${ebl.pja.mspId}/${reference}`;
    const org1 = await stackToken({
      organisation: ebl.pja.mspId,
      party: 'shipper',
      roles: ['ebl:trader'],
    });

    const answer = await ask(org1, { kind: 'ebl', id });
    expect(answer.status).toBe(201);
    const bundle = answer.body as EvidenceBundle;
    expect(bundle.records.map((r) => r.kind)).toEqual(['ledger-state']);
    const checked = await pujiang('evidence', 'verify', saved('ebl.json', bundle));
    expect(checked.err).toEqual([]);
    expect(checked.code).toBe(0);
    expect(checked.out.join('\n')).toMatch(/Ebl:issue/);

    const stranger = await stackToken({ organisation: 'Org9MSP', party: 'nobody', roles: [] });
    const refused = await ask(stranger, { kind: 'ebl', id });
    expect(refused.status).toBe(403);
    expect(refused.type).toContain('application/problem+json');
    expect(
      (await ask(org1, { kind: 'ebl', id: `${ebl.pja.mspId}/NOSUCH${reference}` })).status,
    ).toBe(404);
  });

  it('refuses a claim bundle to an organisation that is no party to the claim, bad input, and no token', async () => {
    const claimId = claimBundle.subject.id;
    const stranger = await insurers.org2.tokenFor('underwriter-2', ['claims:insurer']);
    const refused = await ask(stranger, { kind: 'claim', id: claimId });
    expect([403, 404]).toContain(refused.status);
    expect(refused.type).toContain('application/problem+json');

    const insurer = await insurers.org1.insurerToken();
    const bad = await ask(insurer, { kind: 'claim', id: 'not-a-claim' });
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect((await ask(insurer, { kind: 'vessel', id: claimId })).status).toBe(400);
    expect((await ask(undefined, { kind: 'claim', id: claimId })).status).toBe(401);
  });
});
