import {
  ClaimNoticeInput,
  IccClause,
  PERIL_COVER,
  Peril,
} from '../../../libs/contracts/src/ledger';
import {
  CLAIM_ID,
  ClaimsWorld,
  NOTICE_SALT,
  POLICY_ID,
  noticeInput,
  people,
  worldWithPolicy,
} from '../testing/claims-world';
import { partyOf } from '../testing/people';

const CLAUSES = Object.values(IccClause);
const PERILS = Object.values(Peril);

describe('Claims notice of loss', () => {
  it('opens a claim NOTIFIED under the policy’s insurer, with the notifier as claimant', async () => {
    const world = await worldWithPolicy();

    const claim = await world.notify();

    expect(claim).toEqual({
      ...noticeInput(),
      insurerMsp: 'Org1MSP',
      claimant: partyOf(people.claimant),
      status: 'NOTIFIED',
      paidAmount: '0',
      recoveredAmount: '0',
      duplicateMatches: 0,
      documents: [],
      history: [
        {
          action: 'NOTIFY',
          actor: partyOf(people.claimant),
          to: 'NOTIFIED',
          txId: 'tx-4',
          at: '2026-11-23T08:03:00.000Z',
        },
      ],
      notifiedAt: '2026-11-23T08:03:00.000Z',
      lastTxId: 'tx-4',
      updatedAt: '2026-11-23T08:03:00.000Z',
    });
    expect(world.ledger.events.at(-1)).toEqual({
      name: 'ClaimChanged',
      payload: JSON.stringify({
        claimId: CLAIM_ID,
        insurerMsp: 'Org1MSP',
        lastTxId: 'tx-4',
        policyId: POLICY_ID,
        status: 'NOTIFIED',
        updatedAt: '2026-11-23T08:03:00.000Z',
      }),
    });
  });

  it('lets any party of the insurer’s organisation give notice (a claim may be assigned with the goods)', async () => {
    const world = await worldWithPolicy();
    await expect(world.notify({}, { by: people.clerk })).resolves.toMatchObject({
      claimant: partyOf(people.clerk),
    });
  });

  it('leaves a party of another organisation to give notice through that insurer: the peer refuses it the collection', async () => {
    const world = await worldWithPolicy();
    const before = world.snapshot();
    await expect(world.notify({}, { by: people.bystander })).rejects.toThrow(
      'tx creator does not have read access permission',
    );
    expect(world.snapshot()).toBe(before);
  });

  it('keeps the notice in the insurer’s collection until the insurer registers it', async () => {
    const world = await worldWithPolicy();
    const publicBefore = JSON.stringify([...world.ledger.state]);
    await world.giveNotice();

    expect(JSON.stringify([...world.ledger.state])).toBe(publicBefore);
    expect(world.ledger.events).toEqual([]);
    await expect(world.readClaim(CLAIM_ID)).rejects.toThrow(`NOT_FOUND: claim ${CLAIM_ID}`);
    await expect(world.giveNotice()).rejects.toThrow(`ALREADY_EXISTS: claim ${CLAIM_ID}`);
  });

  it.each([
    ['the claimant', people.claimant, 'FORBIDDEN: registering a claim may only be done by'],
    ['a clerk', people.clerk, 'FORBIDDEN: registering a claim may only be done by'],
    ['the platform operator', people.platformOperator, 'FORBIDDEN: registering a claim may'],
    ['the other insurer', people.foreignInsurer, 'FORBIDDEN: registering a claim under'],
  ])('lets only the insurer register a notice, not %s', async (_case, by, message) => {
    const world = await worldWithPolicy();
    await world.giveNotice();
    const before = world.snapshot();
    await expect(world.register(CLAIM_ID, { by })).rejects.toThrow(message);
    expect(world.snapshot()).toBe(before);
  });

  it('registers no claim whose notice is not in the collection, and none twice', async () => {
    const world = await worldWithPolicy();
    await expect(world.register(CLAIM_ID)).rejects.toThrow(
      `NOT_FOUND: no notice of claim ${CLAIM_ID} under ${POLICY_ID}`,
    );
    await world.giveNotice();
    await world.register(CLAIM_ID);
    await expect(world.register(CLAIM_ID)).rejects.toThrow(`ALREADY_EXISTS: claim ${CLAIM_ID}`);
  });

  it('refuses a replayed notice with ALREADY_EXISTS and changes nothing', async () => {
    const world = await worldWithPolicy();
    await world.notify();
    const before = world.snapshot();

    await expect(world.notify()).rejects.toThrow(
      `ALREADY_EXISTS: claim ${CLAIM_ID} already exists`,
    );
    expect(world.snapshot()).toBe(before);
  });

  it('refuses a notice under a policy that does not exist', async () => {
    await expect(new ClaimsWorld().notify()).rejects.toThrow(
      `NOT_FOUND: policy ${POLICY_ID} not found`,
    );
  });

  it('refuses an ordinary notice by the insurer under its own policy', async () => {
    const world = await worldWithPolicy();
    await expect(world.notify({}, { by: people.insurer })).rejects.toThrow(
      'FORBIDDEN: the insurer gives notice under its own policy only for a parametric trigger',
    );
  });

  describe('peril against the clause (ICC 1/1/09)', () => {
    const cases = PERILS.flatMap((peril) =>
      CLAUSES.map((clause) => ({ peril, clause, covered: PERIL_COVER[peril].includes(clause) })),
    );

    it('names every peril once for each of the three clauses', () => {
      expect(cases).toHaveLength(PERILS.length * 3);
    });

    it('refuses THEFT under ICC C with a clear INVALID_ARGUMENT', async () => {
      const world = await worldWithPolicy({ clause: 'ICC_C' });
      const before = world.snapshot();
      await expect(world.notify({ peril: 'THEFT' })).rejects.toThrow(
        'INVALID_ARGUMENT: peril THEFT is not covered by ICC_C',
      );
      expect(world.snapshot()).toBe(before);
    });

    it('accepts THEFT under ICC A', async () => {
      const world = await worldWithPolicy({ clause: 'ICC_A' });
      await expect(world.notify({ peril: 'THEFT' })).resolves.toMatchObject({ peril: 'THEFT' });
    });

    it.each(['DELAY', 'INSUFFICIENT_PACKING', 'WILFUL_MISCONDUCT', 'WAR', 'STRIKES'] as const)(
      'excludes %s under every clause',
      async (peril) => {
        for (const clause of CLAUSES) {
          const world = await worldWithPolicy({ clause });
          await expect(world.notify({ peril })).rejects.toThrow(
            `INVALID_ARGUMENT: peril ${peril} is not covered by ${clause}`,
          );
        }
      },
    );

    it('covers under C only perils B covers, and under B only perils A covers', () => {
      for (const peril of PERILS) {
        const clauses = PERIL_COVER[peril];
        if (clauses.includes('ICC_C')) expect(clauses).toContain('ICC_B');
        if (clauses.includes('ICC_B')) expect(clauses).toContain('ICC_A');
      }
    });

    it.each(cases)('$peril under $clause: covered $covered', async ({ peril, clause, covered }) => {
      const world = await worldWithPolicy({ clause });
      const notice = world.notify({ peril });
      if (covered) await expect(notice).resolves.toMatchObject({ peril, status: 'NOTIFIED' });
      else await expect(notice).rejects.toThrow(`peril ${peril} is not covered by ${clause}`);
    });
  });

  describe('against the policy', () => {
    it.each<[string, Partial<ClaimNoticeInput>, string]>([
      ['a loss before the period', { lossDate: '2026-09-30' }, 'outside the period'],
      [
        'a loss after the period',
        { lossDate: '2027-04-01', discoveredDate: '2027-04-01' },
        'outside',
      ],
      ['a discovery before the loss', { discoveredDate: '2026-11-09' }, 'before claim.lossDate'],
      [
        'a discovery after the notice',
        { discoveredDate: '2026-11-24' },
        'after the date of the notice',
      ],
      ['another currency', { currency: 'EUR' }, "the policy's currency USD"],
      [
        'a container the policy does not insure',
        { containers: ['TGHU7761098'] },
        'TGHU7761098 is not insured',
      ],
      ['another eBL', { eblReference: 'MAEU-CL-0002' }, 'insures the shipment of eBL MAEU-CL-0001'],
    ])('refuses %s', async (_case, overrides, message) => {
      const world = await worldWithPolicy();
      await expect(world.notify(overrides)).rejects.toThrow(
        new RegExp(`^INVALID_ARGUMENT: .*${message}`),
      );
    });

    it('accepts any container under a policy that lists none (an open cover)', async () => {
      const world = new ClaimsWorld();
      await world.createPolicy({}, people.insurer, { shipment: { containers: [], lots: [] } });
      await expect(world.notify({ containers: ['TGHU7761098'] })).resolves.toMatchObject({
        containers: ['TGHU7761098'],
      });
    });
  });

  describe('shape', () => {
    it.each<[string, Record<string, unknown>, string]>([
      [
        'a claim id that is no UUID',
        { claimId: 'CLAIM-1' },
        'claim.claimId must be a lower-case UUID',
      ],
      ['an upper-case UUID', { claimId: CLAIM_ID.toUpperCase() }, 'claim.claimId'],
      ['an unknown peril', { peril: 'PIRACY' }, 'claim.peril must be one of'],
      ['a zero amount', { claimedAmount: '0' }, 'claim.claimedAmount must be more than 0'],
      ['an amount as a number', { claimedAmount: 1250000 }, 'claim.claimedAmount must be a string'],
      ['a decimal amount', { claimedAmount: '12500.00' }, 'whole number of minor units'],
      ['a leading zero', { claimedAmount: '01250000' }, 'whole number of minor units'],
      ['an amount of 19 digits', { claimedAmount: '1'.repeat(19) }, 'whole number of minor units'],
      [
        'a bad container',
        { containers: ['CSQU3054384'] },
        'claim.containers[0] must be an ISO 6346',
      ],
      ['a blank place', { place: ' ' }, 'claim.place must be 1 to 255'],
      [
        'a date with a time',
        { lossDate: '2026-11-10T00:00:00Z' },
        'claim.lossDate must be a calendar date',
      ],
      ['an unknown field', { severity: 'high' }, "unknown field 'severity'"],
      ['no salt', { salt: undefined }, 'claim.salt is required'],
      ['a short salt', { salt: 'abcd' }, 'claim.salt must be 16 to 128'],
      [
        'a parametric part without evidence',
        { parametric: { triggerId: 'late' } },
        'evidenceHash is required',
      ],
    ])('refuses %s', async (_case, overrides, message) => {
      const world = await worldWithPolicy();
      const json = JSON.stringify({ ...noticeInput(), salt: NOTICE_SALT, ...overrides });
      const before = world.snapshot();
      await expect(
        world.contract.notifyLoss(world.ctx(people.claimant, { transient: { notice: json } })),
      ).rejects.toThrow(new RegExp(`^INVALID_ARGUMENT: .*${message.replace(/[[\]]/g, '\\$&')}`));
      expect(world.snapshot()).toBe(before);
    });

    it('refuses a notice without the transient notice', async () => {
      const world = await worldWithPolicy();
      await expect(world.giveNotice(null)).rejects.toThrow(
        "INVALID_ARGUMENT: the transient data key 'notice' is required",
      );
    });
  });
});
