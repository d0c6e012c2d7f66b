import { CoverPolicyInput } from '../../../libs/contracts/src/ledger';
import {
  CLAIM_ID,
  HASH,
  OTHER_CLAIM_ID,
  POLICY_ID,
  parametricNotice,
  people,
  policyInput,
  worldWithPolicy,
} from '../testing/claims-world';
import { partyOf } from '../testing/people';

/**
 * Policy input whose only trigger is a late arrival, due graceDays after etaDate; the
 * world's clock reads 2026-11-23.
 */
function lateArrival(etaDate: string, graceDays = 5): Partial<CoverPolicyInput> {
  return { parametricTriggers: [{ triggerId: 'late', kind: 'LATE_ARRIVAL', etaDate, graceDays }] };
}

const lateNotice = parametricNotice({
  peril: 'DELAY',
  parametric: { triggerId: 'late', evidenceHash: HASH('AIS track') },
});

describe('Claims parametric notices', () => {
  it('lets the insurer give notice for the insured when a trigger fired', async () => {
    const world = await worldWithPolicy();

    const claim = await world.notify(parametricNotice(), { by: people.insurer });

    expect(claim).toMatchObject({
      status: 'NOTIFIED',
      claimant: partyOf(people.claimant),
      parametric: { triggerId: 'reefer-temp', evidenceHash: HASH('sensor log') },
      peril: 'TEMPERATURE_DEVIATION',
    });
    expect(claim.history[0]?.actor).toBe(partyOf(people.insurer));
  });

  it('refuses a replayed parametric notice with ALREADY_EXISTS and changes nothing', async () => {
    const world = await worldWithPolicy();
    await world.notify(parametricNotice(), { by: people.insurer });
    const before = world.snapshot();

    await expect(world.notify(parametricNotice(), { by: people.insurer })).rejects.toThrow(
      `ALREADY_EXISTS: claim ${CLAIM_ID} already exists`,
    );
    await expect(
      world.notify(parametricNotice({ claimId: OTHER_CLAIM_ID }), { by: people.insurer }),
    ).rejects.toThrow(
      `ALREADY_EXISTS: trigger reefer-temp of ${POLICY_ID} already gave notice as claim ${CLAIM_ID}`,
    );
    expect(world.snapshot()).toBe(before);
  });

  it.each(['claimant', 'clerk'] as const)('refuses a parametric notice from %s', async (name) => {
    const world = await worldWithPolicy();
    await expect(world.notify(parametricNotice(), { by: people[name] })).rejects.toThrow(
      `FORBIDDEN: a parametric notice under ${POLICY_ID} may only be given by the insurer Org1MSP`,
    );
  });

  it('refuses a parametric notice from the other insurer, which may not read the collection', async () => {
    const world = await worldWithPolicy();
    await expect(world.notify(parametricNotice(), { by: people.foreignInsurer })).rejects.toThrow(
      'tx creator does not have read access permission',
    );
  });

  it('refuses a trigger the policy does not have, or the wrong peril for it', async () => {
    const world = await worldWithPolicy();
    await expect(
      world.notify(
        parametricNotice({ parametric: { triggerId: 'flood', evidenceHash: HASH('x') } }),
        { by: people.insurer },
      ),
    ).rejects.toThrow(`INVALID_ARGUMENT: policy ${POLICY_ID} has no parametric trigger flood`);
    await expect(
      world.notify(parametricNotice({ peril: 'FIRE' }), { by: people.insurer }),
    ).rejects.toThrow('INVALID_ARGUMENT: a TEMPERATURE trigger claims peril TEMPERATURE_DEVIATION');
  });

  it('pays a late arrival as DELAY, which the ICC clauses exclude, once the grace has run out', async () => {
    const world = await worldWithPolicy(lateArrival('2026-11-17')); // due 2026-11-22

    await expect(world.notify(lateNotice, { by: people.insurer })).resolves.toMatchObject({
      peril: 'DELAY',
      status: 'NOTIFIED',
    });
  });

  it.each(['2026-11-18', '2026-12-01'])(
    'refuses a late arrival (ETA %s + 5 days) before its grace has passed',
    async (eta) => {
      const world = await worldWithPolicy(lateArrival(eta));
      await expect(world.notify(lateNotice, { by: people.insurer })).rejects.toThrow(
        /^INVALID_STATE: trigger late cannot fire before 2026-1\d-\d\d has passed/,
      );
    },
  );

  it('still refuses DELAY from a claimant under the clause', async () => {
    const world = await worldWithPolicy();
    await expect(world.notify({ peril: 'DELAY' })).rejects.toThrow(
      'INVALID_ARGUMENT: peril DELAY is not covered by ICC_A',
    );
  });

  it('makes the insured the claimant: it may withdraw, the insurer may not', async () => {
    const world = await worldWithPolicy();
    await world.notify(parametricNotice(), { by: people.insurer });

    await expect(world.act(people.insurer, CLAIM_ID, 'WITHDRAW')).rejects.toThrow('FORBIDDEN');
    await expect(world.act(people.claimant, CLAIM_ID, 'WITHDRAW')).resolves.toMatchObject({
      status: 'WITHDRAWN',
    });
  });

  it('stores the policy triggers exactly as given', async () => {
    const world = await worldWithPolicy();
    expect((await world.readPolicy(POLICY_ID)).parametricTriggers).toEqual(
      policyInput().parametricTriggers,
    );
  });
});
