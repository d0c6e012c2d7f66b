import { ClaimsTransientKey, insurerCollection } from '../../../libs/contracts/src/ledger';
import {
  AMOUNTS,
  CLAIM_ID,
  COLLECTIONS_CONFIG,
  ClaimsWorld,
  HASH,
  POLICY_ID,
  amountsBytes,
  noticeInput,
  people,
  reach,
  worldWithPolicy,
} from '../testing/claims-world';
import { partyOf } from '../testing/people';

const ORG2_POLICY = 'POL-ORG2-0001';

describe('Claims private policy amounts', () => {
  it('keeps the amounts in the insurer collection and writes no public state or event', async () => {
    const world = await worldWithPolicy();
    const publicBefore = JSON.stringify([...world.ledger.state]);
    const events = world.ledger.events.length;

    await world.setAmounts(POLICY_ID);

    expect(JSON.stringify([...world.ledger.state])).toBe(publicBefore);
    expect(world.ledger.events).toHaveLength(events);
    expect([...world.ledger.privateState.keys()]).toEqual(['Org1MSPPrivate']);
    const stored = [...(world.ledger.privateState.get('Org1MSPPrivate')?.values() ?? [])];
    expect(stored.map((v) => Buffer.from(v).toString('utf8'))).toEqual([
      amountsBytes().toString('utf8'),
    ]);
  });

  it('lets the insurer read them back on its own peer, as the bytes that hash to amountsHash', async () => {
    const world = await worldWithPolicy();
    await world.setAmounts(POLICY_ID);

    const json = await world.readAmounts(POLICY_ID);

    expect(JSON.parse(json)).toEqual(AMOUNTS);
    expect(HASH(json)).toBe((await world.readPolicy(POLICY_ID)).amountsHash);
  });

  it("puts another insurer's amounts in that insurer's own collection", async () => {
    const world = new ClaimsWorld();
    await world.createPolicy({ policyId: ORG2_POLICY }, people.foreignInsurer);

    await world.setAmounts(ORG2_POLICY, amountsBytes(), { by: people.foreignInsurer });

    expect(insurerCollection('Org2MSP')).toBe('Org2MSPPrivate');
    expect([...world.ledger.privateState.keys()]).toEqual(['Org2MSPPrivate']);
    await expect(world.readAmounts(ORG2_POLICY, { by: people.foreignInsurer })).resolves.toBe(
      amountsBytes().toString('utf8'),
    );
  });

  it('may be sent again: the same bytes are the only ones that match', async () => {
    const world = await worldWithPolicy();
    await world.setAmounts(POLICY_ID);
    await world.setAmounts(POLICY_ID);
    await expect(world.readAmounts(POLICY_ID)).resolves.toBe(amountsBytes().toString('utf8'));
  });

  it.each([
    ['other amounts', amountsBytes({ ...AMOUNTS, deductible: '60000' }), 'do not hash to'],
    ['nothing', null, `transient data key '${ClaimsTransientKey.amounts}' is required`],
    ['an empty value', new Uint8Array(), 'is required'],
  ])('refuses %s with INVALID_ARGUMENT and stores nothing', async (_case, bytes, message) => {
    const world = await worldWithPolicy();
    const before = world.snapshot();

    await expect(world.setAmounts(POLICY_ID, bytes)).rejects.toThrow(
      new RegExp(`^INVALID_ARGUMENT: .*${message}`),
    );
    expect(world.snapshot()).toBe(before);
  });

  it.each([
    [
      'JSON that is not canonical',
      '{"sumInsured":"5000000","premium":"25000","deductible":"50000","salt":"00112233445566778899aabbccddeeff"}',
      'must be canonical JSON',
    ],
    [
      'a number instead of a digit string',
      '{"deductible":50000,"premium":"25000","salt":"00112233445566778899aabbccddeeff","sumInsured":"5000000"}',
      'deductible must be a string',
    ],
    [
      'a short salt',
      '{"deductible":"50000","premium":"25000","salt":"abcd","sumInsured":"5000000"}',
      'salt must be 16 to 128',
    ],
    [
      'a deductible above the sum insured',
      '{"deductible":"6000000","premium":"25000","salt":"00112233445566778899aabbccddeeff","sumInsured":"5000000"}',
      'deductible must not exceed the sum insured',
    ],
    [
      'an extra field',
      '{"deductible":"1","premium":"1","salt":"00112233445566778899aabbccddeeff","sumInsured":"5","x":"1"}',
      "unknown field 'x'",
    ],
  ])('refuses %s even when the policy committed to its hash', async (_case, text, message) => {
    const world = new ClaimsWorld();
    await world.createPolicy({ amountsHash: HASH(text) });

    await expect(world.setAmounts(POLICY_ID, Buffer.from(text))).rejects.toThrow(message);
    expect(world.ledger.privateState.size).toBe(0);
  });

  it.each(['clerk', 'surveyor', 'claimant', 'foreignInsurer'] as const)(
    'lets %s neither set nor read the amounts',
    async (name) => {
      const world = await worldWithPolicy();
      await world.setAmounts(POLICY_ID);
      const before = world.snapshot();

      await expect(
        world.setAmounts(POLICY_ID, amountsBytes(), { by: people[name] }),
      ).rejects.toThrow(
        `FORBIDDEN: setting the amounts of ${POLICY_ID} may only be done by the insurer Org1MSP`,
      );
      await expect(world.readAmounts(POLICY_ID, { by: people[name] })).rejects.toThrow(
        `FORBIDDEN: reading the amounts of ${POLICY_ID}`,
      );
      expect(world.snapshot()).toBe(before);
    },
  );

  it('finds nothing on a peer outside the collection, which holds only the hash', async () => {
    const world = await worldWithPolicy();
    await world.setAmounts(POLICY_ID);

    await expect(world.readAmounts(POLICY_ID, { peerMspId: 'Org2MSP' })).rejects.toThrow(
      `NOT_FOUND: the amounts of policy ${POLICY_ID} are not set or not held by this peer`,
    );
  });

  it('answers NOT_FOUND before any amounts were set, and for an unknown policy', async () => {
    const world = await worldWithPolicy();
    await expect(world.readAmounts(POLICY_ID)).rejects.toThrow('NOT_FOUND: the amounts');
    await expect(world.setAmounts('POL-NONE')).rejects.toThrow('NOT_FOUND: policy POL-NONE');
  });

  it('deploys one member-only collection per insurer, endorsed by that insurer alone', () => {
    expect(JSON.parse(COLLECTIONS_CONFIG)).toEqual(
      ['Org1MSP', 'Org2MSP'].map((msp) => ({
        name: `${msp}Private`,
        policy: `OR('${msp}.member')`,
        requiredPeerCount: 0,
        maxPeerCount: 1,
        blockToLive: 0,
        memberOnlyRead: true,
        memberOnlyWrite: true,
        endorsementPolicy: { signaturePolicy: `OR('${msp}.peer')` },
      })),
    );
  });

  it('announces each step of a claim to every member without its money, parties or goods', async () => {
    const world = new ClaimsWorld();
    await reach(world, CLAIM_ID, 'PAID');
    const claim = await world.readClaim(CLAIM_ID);
    const notice = noticeInput();
    const secrets = [
      notice.claimedAmount,
      claim.approvedAmount ?? '',
      claim.settlementAmount ?? '',
      claim.paidAmount,
      partyOf(people.claimant),
      ...notice.containers,
      notice.eblReference ?? '',
    ];
    expect(secrets.filter((secret) => secret === '')).toEqual([]);

    const changes = world.ledger.events.filter((e) => e.name === 'ClaimChanged');
    // The notice, the invoice filed, then each step to payment.
    expect(changes.map((e) => (JSON.parse(e.payload) as { status: string }).status)).toEqual([
      'NOTIFIED',
      'NOTIFIED',
      'UNDER_ASSESSMENT',
      'APPROVED',
      'PAYMENT_PENDING',
      'PAID',
    ]);
    for (const { payload } of changes) {
      expect(Object.keys(JSON.parse(payload) as object).sort()).toEqual([
        'claimId',
        'insurerMsp',
        'lastTxId',
        'policyId',
        'status',
        'updatedAt',
      ]);
      expect(secrets.filter((secret) => payload.includes(secret))).toEqual([]);
    }
  });
});
