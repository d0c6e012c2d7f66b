import { CoverPolicyInput } from '../../../libs/contracts/src/ledger';
import { ClaimsWorld, POLICY_ID, people, policyInput } from '../testing/claims-world';
import { partyOf } from '../testing/people';

const OPEN_COVER = 'OC-2026-ACME';

describe('Claims policies', () => {
  it('records the public part of a policy under the insurer that created it', async () => {
    const world = new ClaimsWorld();

    const policy = await world.createPolicy();

    expect(policy).toEqual({
      ...policyInput(),
      insurerMsp: 'Org1MSP',
      createdBy: partyOf(people.insurer),
      txId: 'tx-1',
      createdAt: '2026-11-23T08:00:00.000Z',
    });
    expect(await world.readPolicy(POLICY_ID)).toEqual(policy);
  });

  it('refuses a replay with ALREADY_EXISTS, whoever sends it, keeping the first', async () => {
    const world = new ClaimsWorld();
    await world.createPolicy();
    const before = world.snapshot();

    await expect(world.createPolicy()).rejects.toThrow(`ALREADY_EXISTS: policy ${POLICY_ID}`);
    await expect(world.createPolicy({}, people.foreignInsurer)).rejects.toThrow('ALREADY_EXISTS');
    expect(world.snapshot()).toBe(before);
  });

  it.each(['clerk', 'surveyor', 'claimant', 'platformOperator', 'orgAdmin'] as const)(
    'refuses a policy from %s, who is not an insurer service',
    async (name) => {
      const world = new ClaimsWorld();
      const before = world.snapshot();
      await expect(world.createPolicy({}, people[name])).rejects.toThrow(
        /^FORBIDDEN: creating a policy may only be done by the insurer Org[12]MSP \(certificate attribute pujiang.role=insurer\)$/,
      );
      expect(world.snapshot()).toBe(before);
    },
  );

  it('answers NOT_FOUND for a policy nobody created', async () => {
    await expect(new ClaimsWorld().readPolicy('POL-NONE')).rejects.toThrow(
      'NOT_FOUND: policy POL-NONE not found',
    );
  });

  describe('certificates under an open cover', () => {
    async function withOpenCover(clause: CoverPolicyInput['clause'] = 'ICC_A') {
      const world = new ClaimsWorld();
      await world.createPolicy(
        { policyId: OPEN_COVER, kind: 'OPEN_COVER', clause, parametricTriggers: [] },
        people.insurer,
        { shipment: { containers: [], lots: [] } },
      );
      return world;
    }

    it('accepts a certificate of the same insurer within the cover', async () => {
      const world = await withOpenCover();
      await expect(
        world.createPolicy({ openCoverPolicyId: OPEN_COVER, clause: 'ICC_C' }),
      ).resolves.toMatchObject({ openCoverPolicyId: OPEN_COVER });
    });

    it('refuses an open cover that does not exist', async () => {
      await expect(
        new ClaimsWorld().createPolicy({ openCoverPolicyId: OPEN_COVER }),
      ).rejects.toThrow(`NOT_FOUND: open cover ${OPEN_COVER} not found`);
    });

    it("refuses another insurer's open cover", async () => {
      const world = await withOpenCover();
      await expect(
        world.createPolicy({ openCoverPolicyId: OPEN_COVER }, people.foreignInsurer),
      ).rejects.toThrow(`FORBIDDEN: open cover ${OPEN_COVER} belongs to another insurer`);
    });

    it('refuses a certificate as the open cover of another', async () => {
      const world = await withOpenCover();
      await world.createPolicy({ policyId: 'CERT-1', openCoverPolicyId: OPEN_COVER });
      await expect(world.createPolicy({ openCoverPolicyId: 'CERT-1' })).rejects.toThrow(
        'INVALID_ARGUMENT: CERT-1 is not an open cover',
      );
    });

    it('refuses a period outside the cover and a clause broader than its clause', async () => {
      const world = await withOpenCover('ICC_B');
      await expect(
        world.createPolicy({
          openCoverPolicyId: OPEN_COVER,
          clause: 'ICC_B',
          period: { from: '2026-09-30', to: '2026-12-31' },
        }),
      ).rejects.toThrow('INVALID_ARGUMENT: the certificate');
      await expect(
        world.createPolicy({ openCoverPolicyId: OPEN_COVER, clause: 'ICC_A' }),
      ).rejects.toThrow(`INVALID_ARGUMENT: ICC_A covers more than ICC_B of ${OPEN_COVER}`);
    });

    it('lets only a certificate name an open cover', async () => {
      const world = await withOpenCover();
      await expect(
        world.createPolicy({ kind: 'OPEN_COVER', openCoverPolicyId: OPEN_COVER }),
      ).rejects.toThrow('INVALID_ARGUMENT: only a CERTIFICATE names an open cover');
    });
  });

  describe('shape', () => {
    const trigger = policyInput().parametricTriggers[0];
    it.each<[string, Partial<CoverPolicyInput> | Record<string, unknown>, string]>([
      ['an unknown field', { insurerMsp: 'Org2MSP' }, "unknown field 'insurerMsp'"],
      ['a bad kind', { kind: 'FLOATING' }, 'policy.kind must be one of'],
      ['a bad clause', { clause: 'ICC_D' }, 'policy.clause must be one of'],
      // Who is insured, and what is shipped, are private terms: never in a public argument.
      ['the insured in public', { insured: partyOf(people.claimant) }, "unknown field 'insured'"],
      [
        'the shipment in public',
        { shipment: { containers: ['CSQU3054383'], lots: [] } },
        "unknown field 'shipment'",
      ],
      ['a lower-case currency', { currency: 'usd' }, 'policy.currency must be an ISO 4217'],
      ['30 February', { period: { from: '2027-02-30', to: '2027-03-01' } }, 'calendar date'],
      ['a reversed period', { period: { from: '2027-01-02', to: '2027-01-01' } }, 'after'],
      [
        'an upper-case hash',
        { privateTermsHash: 'A'.repeat(64) },
        'policy.privateTermsHash must be 64',
      ],
      ['a policy id with a space', { policyId: 'POL 1' }, 'policy.policyId must be'],
      [
        'a fractional temperature',
        { parametricTriggers: [{ ...trigger, minCelsiusTenths: -25.5 }] },
        'minCelsiusTenths must be an integer',
      ],
      [
        'a temperature given as a string',
        { parametricTriggers: [{ ...trigger, maxCelsiusTenths: '-150' }] },
        'maxCelsiusTenths must be an integer',
      ],
      [
        'an empty temperature band',
        { parametricTriggers: [{ ...trigger, minCelsiusTenths: -150 }] },
        'minCelsiusTenths must be below maxCelsiusTenths',
      ],
      [
        'a trigger of unknown kind',
        { parametricTriggers: [{ triggerId: 'x', kind: 'RAINFALL' }] },
        'kind must be one of TEMPERATURE, LATE_ARRIVAL',
      ],
      [
        'a late arrival with a temperature field',
        {
          parametricTriggers: [
            {
              triggerId: 'l',
              kind: 'LATE_ARRIVAL',
              etaDate: '2026-12-01',
              graceDays: 2,
              maxCelsiusTenths: 1,
            },
          ],
        },
        "unknown field 'maxCelsiusTenths'",
      ],
      [
        'two triggers with one id',
        { parametricTriggers: [trigger, { ...trigger, minDurationMinutes: 60 }] },
        'uses triggerId reefer-temp twice',
      ],
    ])('refuses %s', async (_case, overrides, message) => {
      const world = new ClaimsWorld();
      const json = JSON.stringify({ ...policyInput(), ...overrides });
      await expect(world.contract.createPolicy(world.ctx(people.insurer), json)).rejects.toThrow(
        message,
      );
      await expect(world.contract.createPolicy(world.ctx(people.insurer), json)).rejects.toThrow(
        /^INVALID_ARGUMENT: /,
      );
      expect(world.ledger.state.size).toBe(0);
    });

    it('refuses JSON that is not an object', async () => {
      const world = new ClaimsWorld();
      for (const json of ['', '[]', 'null', '{"policyId":']) {
        await expect(world.contract.createPolicy(world.ctx(people.insurer), json)).rejects.toThrow(
          /^INVALID_ARGUMENT: policy (is not valid JSON|must be a JSON object)/,
        );
      }
    });
  });
});
