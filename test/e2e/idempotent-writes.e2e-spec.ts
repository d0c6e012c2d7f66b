import { randomBytes, randomUUID } from 'node:crypto';
import { ClaimRecord, EblRecord } from '@pujiang/contracts';
import { CarrierSystem } from '../support/carrier-system';
import {
  RunningInsurer,
  dayFromToday,
  fileCoverPolicy,
  startInsurers,
} from '../support/claims-insurers';
import { containerNumber } from '../support/container-numbers';
import { issueToShipper } from '../support/ebl-issuance';
import { EblWorld, startEblWorld } from '../support/ebl-platforms';
import { eventually } from '../support/kafka-probe';

interface Answer {
  status: number;
  contentType: string;
  replayed: string | null;
  text: string;
  body: Record<string, unknown>;
}

async function post(url: string, token: string, body: unknown, key?: string): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      ...(key === undefined ? {} : { 'idempotency-key': key }),
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    replayed: res.headers.get('idempotent-replayed'),
    text,
    body: (text.length > 0 ? JSON.parse(text) : {}) as Record<string, unknown>,
  };
}

/**
 * A client that does not hear the answer to a write sends it again. With the
 * same Idempotency-Key it gets the first answer back and nothing happens
 * twice; the same key with another request is refused (422); two copies in
 * flight at once run once. Keys belong to the caller that sent them.
 */
describe('idempotent writes: a first notice of loss sent twice', () => {
  let insurers: Awaited<ReturnType<typeof startInsurers>>;
  let insurer: RunningInsurer;

  beforeAll(async () => {
    // No evidence is fetched here: traceability is never called.
    insurers = await startInsurers('http://127.0.0.1:1');
    insurer = insurers.org1;
  });

  afterAll(async () => {
    await insurers?.stop();
  });

  const claimant = () => insurer.tokenFor('consignee', ['claims:claimant']);

  async function notice(): Promise<Record<string, unknown>> {
    const container = containerNumber('PJIU');
    const eblReference = `EBL${randomBytes(4).toString('hex').toUpperCase()}`;
    const { policyId } = await fileCoverPolicy(insurer, {
      shipment: { eblReference, containers: [container], lots: [] },
    });
    return {
      policyId,
      peril: 'SINKING',
      lossDate: dayFromToday(-3),
      discoveredDate: dayFromToday(-2),
      place: 'at sea',
      containers: [container],
      eblReference,
      claimedAmount: '3000000',
      currency: 'USD',
    };
  }

  /** The insurer's claims under the policy, once the ledger's verdicts have reached them. */
  async function filedUnder(policyId: string): Promise<{ claimId: string; status: string }[]> {
    const token = await insurer.insurerToken();
    return eventually(async () => {
      const res = await fetch(`${insurer.url}/claims`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const { claims } = (await res.json()) as { claims: ClaimRecord[] };
      const filed = claims
        .filter((c) => c.policyId === policyId)
        .map(({ claimId, status }) => ({ claimId, status }));
      // One claim is settled as it is; duplicates only once every one shows the hold.
      const settled = filed.length === 1 || filed.every((c) => c.status === 'FRAUD_HOLD');
      return filed.length > 0 && settled ? filed : undefined;
    }, `the claims under ${policyId}`);
  }

  it('files one claim, not two on fraud hold, and answers the retry as the first time', async () => {
    const body = await notice();
    const key = randomUUID();
    const first = await post(`${insurer.url}/claims`, await claimant(), body, key);
    expect(first.status).toBe(201);
    const claimId = (first.body.claim as ClaimRecord).claimId;
    expect(first.body.claim).toMatchObject({ status: 'NOTIFIED', duplicateMatches: 0 });

    const retry = await post(`${insurer.url}/claims`, await claimant(), body, key);

    expect(await filedUnder(String(body.policyId))).toEqual([{ claimId, status: 'NOTIFIED' }]);
    expect(retry.status).toBe(201);
    expect(retry.text).toBe(first.text);
    expect(retry.replayed).toBe('true');
  });

  it('refuses the same key with another notice (422) and files nothing more', async () => {
    const body = await notice();
    const key = randomUUID();
    const first = await post(`${insurer.url}/claims`, await claimant(), body, key);
    expect(first.status).toBe(201);

    const other = await post(
      `${insurer.url}/claims`,
      await claimant(),
      { ...body, claimedAmount: '4000000' },
      key,
    );

    expect(other.status).toBe(422);
    expect(other.contentType).toContain('application/problem+json');
    expect(other.body.detail).toMatch(/Idempotency-Key/);
    expect(await filedUnder(String(body.policyId))).toEqual([
      { claimId: (first.body.claim as ClaimRecord).claimId, status: 'NOTIFIED' },
    ]);
  });

  it('runs two copies sent at once only once', async () => {
    const body = await notice();
    const key = randomUUID();
    const token = await claimant();
    const both = await Promise.all([
      post(`${insurer.url}/claims`, token, body, key),
      post(`${insurer.url}/claims`, token, body, key),
    ]);

    const statuses = both.map((answer) => answer.status).sort();
    // The copy that finds the first still running is told so (409); a later one gets the answer.
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    const filed = await filedUnder(String(body.policyId));
    expect(filed).toHaveLength(1);
    const again = await post(`${insurer.url}/claims`, token, body, key);
    expect(again.status).toBe(201);
    expect((again.body.claim as ClaimRecord).claimId).toBe(filed[0]?.claimId);
  });
});

describe('idempotent writes: an endorsement sent twice', () => {
  const carrier = new CarrierSystem();
  let world: EblWorld;

  beforeAll(async () => {
    world = await startEblWorld(await carrier.start());
  });

  afterAll(async () => {
    await world?.stop();
    await carrier.stop();
  });

  const act = async (party: string, ref: string, body: unknown, key?: string) =>
    post(
      `${world.pja.url}/transport-documents/${ref}/actions`,
      await world.pja.tokenFor(party),
      body,
      key,
    );

  it('answers a retried endorsement as the first time, and another one with the key 422', async () => {
    const ref = `IDEM${randomBytes(5).toString('hex').toUpperCase()}`;
    expect((await issueToShipper(world, ref, true)).status).toBe(204);
    await eventually(async () => {
      const res = await fetch(`${world.pja.url}/transport-documents/${ref}`, {
        headers: { authorization: `Bearer ${await world.pja.tokenFor('shipper')}` },
      });
      return res.status === 200 ? true : undefined;
    }, 'the issued document');
    const key = randomUUID();
    const endorse = { action: 'ENDORSE_TO_ORDER', recipientPartyId: 'bank' };

    const first = await act('shipper', ref, endorse, key);
    expect(first.status).toBe(200);
    expect((first.body.record as EblRecord).status).toBe('TRANSFER_PENDING');

    const retry = await act('shipper', ref, endorse, key);
    expect(retry.status).toBe(200);
    expect(retry.text).toBe(first.text);

    const other = await act('shipper', ref, { ...endorse, recipientPartyId: 'consignee' }, key);
    expect(other.status).toBe(422);
    expect(other.contentType).toContain('application/problem+json');

    // The key is the shipper's: the bank's request under the same key is its own, and runs.
    const accepted = await act('bank', ref, { action: 'ACCEPT_TRANSFER' }, key);
    expect(accepted.status).toBe(200);
    expect((accepted.body.record as EblRecord).status).toBe('ISSUED');
  });
});
