import {
  CLAIM_ID,
  ClaimsWorld,
  PersonName,
  actorFor,
  argumentsFor,
  people,
  reach,
} from '../testing/claims-world';
import { CLAIM_TRANSITIONS, LedgerRole } from '../../../libs/contracts/src/ledger';
import { partyOf, person } from '../testing/people';

const NAMES = Object.keys(people) as PersonName[];

/**
 * Every allowed transition, tried by everyone: the one person the role names
 * succeeds; the claimant, the surveyor (assigned or not), the insurer of the
 * other organisation, identities of the insurer's own MSP without the insurer
 * role (a clerk, its eBL platform service, its cryptogen Admin with OU admin),
 * a party of its MSP without a surveyor certificate and an unrelated party
 * are refused. The claim's details are in the insurer's collection, so an
 * identity of another organisation is refused by the peer before any role
 * is asked (it may not read the collection); those of the insurer's MSP are
 * refused by role.
 */
const CASES = CLAIM_TRANSITIONS.flatMap((transition) =>
  NAMES.map((name) => ({ ...transition, name })),
);

/** A second surveyor of the insurer, for a reassignment. */
const secondSurveyor = person('second-surveyor', 'Org1MSP', LedgerRole.surveyor);

describe('Claims roles: only the party the table names may act', () => {
  it('tries each of the 39 transitions as each of the people', () => {
    expect(CASES).toHaveLength(39 * NAMES.length);
  });

  it.each(CASES)('$action in $from (by $by) attempted by $name', async (c) => {
    const world = new ClaimsWorld();
    const record = await reach(world, CLAIM_ID, c.from);
    const rightful = actorFor(c.by, record);
    const who = people[c.name];
    const before = world.snapshot();

    const attempt = world.act(who, CLAIM_ID, c.action, ...argumentsFor(c.action));

    if (partyOf(who) === partyOf(rightful)) {
      await expect(attempt).resolves.toMatchObject({ status: c.to });
    } else if (who.mspId !== record.insurerMsp) {
      await expect(attempt).rejects.toThrow('tx creator does not have read access permission');
      expect(world.snapshot()).toBe(before);
    } else {
      await expect(attempt).rejects.toThrow(
        `FORBIDDEN: ${c.action} on claim ${CLAIM_ID} may only be taken by`,
      );
      expect(world.snapshot()).toBe(before);
    }
  });

  it('gives the surveyor role to the assigned surveyor only, and takes it away on reassignment', async () => {
    const world = new ClaimsWorld();
    await reach(world, CLAIM_ID, 'SURVEYOR_ASSIGNED');
    await world.act(people.insurer, CLAIM_ID, 'HOLD_FOR_FRAUD');
    await world.act(people.insurer, CLAIM_ID, 'RELEASE_FRAUD_HOLD');
    await world.act(people.insurer, CLAIM_ID, 'ASSIGN_SURVEYOR', partyOf(secondSurveyor));
    const [, detail] = argumentsFor('REPORT_SURVEY');

    await expect(world.act(people.surveyor, CLAIM_ID, 'REPORT_SURVEY', '', detail)).rejects.toThrow(
      'FORBIDDEN: REPORT_SURVEY on claim',
    );
    await expect(
      world.act(secondSurveyor, CLAIM_ID, 'REPORT_SURVEY', '', detail),
    ).resolves.toMatchObject({ status: 'SURVEY_REPORTED', surveyor: partyOf(secondSurveyor) });
  });

  it('refuses the assigned party whose certificate does not name it a surveyor', async () => {
    const world = new ClaimsWorld();
    await reach(world, CLAIM_ID, 'UNDER_ASSESSMENT');
    const assignee = people.uncertifiedSurveyor;
    await world.act(people.insurer, CLAIM_ID, 'ASSIGN_SURVEYOR', partyOf(assignee));
    const [, detail] = argumentsFor('REPORT_SURVEY');
    const before = world.snapshot();

    await expect(world.act(assignee, CLAIM_ID, 'REPORT_SURVEY', '', detail)).rejects.toThrow(
      `FORBIDDEN: REPORT_SURVEY on claim ${CLAIM_ID} may only be taken by the assigned surveyor (certificate attribute pujiang.role=surveyor)`,
    );
    expect(world.snapshot()).toBe(before);
  });
});
