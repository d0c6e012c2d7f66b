import {
  ClaimNoticeInput,
  IccClause,
  PERIL_COVER,
  Peril,
} from '../../../libs/contracts/src/ledger';
import {
  CLAIM_ID,
  ClaimsWorld,
  NO_FINGERPRINTS,
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
          txId: 'tx-2',
          at: '2026-11-23T08:01:00.000Z',
        },
      ],
      notifiedAt: '2026-11-23T08:01:00.000Z',
      lastTxId: 'tx-2',
      updatedAt: '2026-11-23T08:01:00.000Z',
    });
    expect(world.ledger.events.at(-1)).toEqual({
      name: 'ClaimChanged',
      payload: JSON.stringify({
        claimId: CLAIM_ID,
        insurerMsp: 'Org1MSP',
        lastTxId: 'tx-2',
        policyId: POLICY_ID,
        status: 'NOTIFIED',
        updatedAt: '2026-11-23T08:01:00.000Z',
      }),
    });
  });

  it('lets any party give notice (a claim may be assigned with the goods)', async () => {
    const world = await worldWithPolicy();
    await expect(world.notify({}, { by: people.bystander })).resolves.toMatchObject({
      claimant: partyOf(people.bystander),
    });
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
      await world.createPolicy({ shipment: { containers: [], lots: [] } });
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
      [
        'a parametric part without evidence',
        { parametric: { triggerId: 'late' } },
        'evidenceHash is required',
      ],
    ])('refuses %s', async (_case, overrides, message) => {
      const world = await worldWithPolicy();
      const json = JSON.stringify({ ...noticeInput(), ...overrides });
      await expect(
        world.contract.notifyLoss(
          world.ctx(people.claimant, {
            transient: { fingerprints: JSON.stringify(NO_FINGERPRINTS) },
          }),
          json,
        ),
      ).rejects.toThrow(new RegExp(`^INVALID_ARGUMENT: .*${message.replace(/[[\]]/g, '\\$&')}`));
    });
  });
});
