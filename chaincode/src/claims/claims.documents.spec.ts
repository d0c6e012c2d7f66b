import { ClaimStatus } from '../../../libs/contracts/src/ledger';
import {
  CLAIM_ID,
  ClaimsWorld,
  HASH,
  people,
  reach,
  worldWithPolicy,
} from '../testing/claims-world';
import { partyOf } from '../testing/people';

async function at(status: ClaimStatus): Promise<ClaimsWorld> {
  const world = new ClaimsWorld();
  await reach(world, CLAIM_ID, status);
  return world;
}

const photo = { kind: 'PHOTO', sha256: HASH('photo of wet cartons'), name: 'hold 3.jpg' } as const;

describe('Claims documents', () => {
  it('files the hash, kind, name and reference with who added it and when', async () => {
    const world = await at('NOTIFIED');

    const claim = await world.addDocument(people.claimant, CLAIM_ID, {
      kind: 'EBL_RECORD',
      sha256: HASH('ebl'),
      reference: 'tx-ebl-42',
    });

    expect(claim.documents.at(-1)).toEqual({
      kind: 'EBL_RECORD',
      sha256: HASH('ebl'),
      reference: 'tx-ebl-42',
      addedBy: partyOf(people.claimant),
      txId: claim.lastTxId,
      at: claim.updatedAt,
    });
    expect(world.ledger.events.at(-1)?.name).toBe('ClaimChanged');
    expect(JSON.parse(world.ledger.events.at(-1)?.payload ?? '')).toEqual({
      claimId: CLAIM_ID,
      insurerMsp: 'Org1MSP',
      lastTxId: claim.lastTxId,
      policyId: claim.policyId,
      status: 'NOTIFIED',
      updatedAt: claim.updatedAt,
    });
  });

  it.each(['claimant', 'insurer'] as const)('lets the %s add documents', async (name) => {
    const world = await at('UNDER_ASSESSMENT');
    const claim = await world.addDocument(people[name], CLAIM_ID, photo);
    expect(claim.documents.at(-1)?.addedBy).toBe(partyOf(people[name]));
  });

  it('lets the surveyor add documents only once assigned', async () => {
    const world = await at('UNDER_ASSESSMENT');
    await expect(world.addDocument(people.surveyor, CLAIM_ID, photo)).rejects.toThrow(
      `FORBIDDEN: only the claimant, the insurer or the assigned surveyor may add documents to claim ${CLAIM_ID}`,
    );
    await world.act(people.insurer, CLAIM_ID, 'ASSIGN_SURVEYOR', partyOf(people.surveyor));
    await expect(
      world.addDocument(people.surveyor, CLAIM_ID, { ...photo, kind: 'SURVEY_REPORT' }),
    ).resolves.toMatchObject({ status: 'SURVEYOR_ASSIGNED' });
  });

  // Another organisation's identities are refused by the peer: they may not read the collection.
  it.each([
    ['clerk', 'FORBIDDEN'],
    ['bystander', 'tx creator does not have read access permission'],
    ['foreignInsurer', 'tx creator does not have read access permission'],
  ] as const)('refuses a document from %s and changes nothing', async (name, message) => {
    const world = await at('UNDER_ASSESSMENT');
    const before = world.snapshot();
    await expect(world.addDocument(people[name], CLAIM_ID, photo)).rejects.toThrow(message);
    expect(world.snapshot()).toBe(before);
  });

  it.each(['CLOSED', 'WITHDRAWN'] as const)(
    'refuses documents once the claim is %s',
    async (status) => {
      const world = await at(status);
      await expect(world.addDocument(people.insurer, CLAIM_ID, photo)).rejects.toThrow(
        `INVALID_STATE: claim ${CLAIM_ID} is ${status}`,
      );
    },
  );

  it('accepts documents in every other status, even on hold', async () => {
    for (const status of ['FRAUD_HOLD', 'PAID', 'REJECTED', 'TIME_BARRED'] as const) {
      const world = await at(status);
      await expect(world.addDocument(people.insurer, CLAIM_ID, photo)).resolves.toMatchObject({
        status,
      });
    }
  });

  it('refuses the same document twice with ALREADY_EXISTS, so a retried upload is harmless', async () => {
    const world = await at('NOTIFIED');
    await world.addDocument(people.claimant, CLAIM_ID, photo);
    const before = world.snapshot();
    await expect(
      world.addDocument(people.insurer, CLAIM_ID, { ...photo, kind: 'OTHER' }),
    ).rejects.toThrow(`ALREADY_EXISTS: document ${photo.sha256} is already on the claim`);
    expect(world.snapshot()).toBe(before);
  });

  it.each([
    ['an unknown kind', { kind: 'VIDEO' }, 'document.kind must be one of'],
    ['a bad hash', { sha256: 'abc' }, 'document.sha256 must be 64 lower-case hex'],
    ['a blank name', { name: '' }, 'document.name must be 1 to 255'],
    ['a control character', { reference: 'a\u0000b' }, 'document.reference must be'],
  ])('refuses %s', async (_case, document, message) => {
    const world = await at('NOTIFIED');
    await expect(
      world.contract.addDocument(
        world.ctx(people.claimant, {
          transient: { document: JSON.stringify({ ...photo, ...document }) },
        }),
        CLAIM_ID,
      ),
    ).rejects.toThrow(`INVALID_ARGUMENT: ${message}`);
  });

  it('refuses a document without the transient document', async () => {
    const world = await at('NOTIFIED');
    await expect(world.contract.addDocument(world.ctx(people.claimant), CLAIM_ID)).rejects.toThrow(
      "INVALID_ARGUMENT: the transient data key 'document' is required",
    );
  });

  it('answers NOT_FOUND for a claim that does not exist', async () => {
    const world = new ClaimsWorld();
    await expect(world.addDocument(people.claimant, CLAIM_ID, photo)).rejects.toThrow(
      `NOT_FOUND: claim ${CLAIM_ID} not found`,
    );
  });

  describe('requested documents', () => {
    it('lets the claimant submit only once every requested kind is filed', async () => {
      const world = await worldWithPolicy();
      await world.notify();
      await world.act(
        people.insurer,
        CLAIM_ID,
        'REQUEST_DOCUMENTS',
        '',
        '["COMMERCIAL_INVOICE","PACKING_LIST"]',
      );
      await world.addDocument(people.claimant, CLAIM_ID);

      await expect(world.act(people.claimant, CLAIM_ID, 'SUBMIT_DOCUMENTS')).rejects.toThrow(
        'INVALID_STATE: the claim has no PACKING_LIST yet',
      );
      await world.addDocument(people.claimant, CLAIM_ID, {
        kind: 'PACKING_LIST',
        sha256: HASH('packing list'),
      });
      const submitted = await world.act(people.claimant, CLAIM_ID, 'SUBMIT_DOCUMENTS');
      expect(submitted.status).toBe('UNDER_ASSESSMENT');
      expect(submitted.requestedDocuments).toBeUndefined();
      expect(submitted.history.find((e) => e.action === 'REQUEST_DOCUMENTS')?.documents).toEqual([
        'COMMERCIAL_INVOICE',
        'PACKING_LIST',
      ]);
    });
  });
});
