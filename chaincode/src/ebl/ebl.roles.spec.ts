import { EBL_TRANSITIONS } from '../../../libs/contracts/src/ledger';
import {
  EblWorld,
  ORG1,
  PersonName,
  actorFor,
  argumentsFor,
  partyOf,
  people,
  reach,
} from '../testing/ebl-world';

const REFERENCE = 'MAEU-RL-0001';
const NAMES = Object.keys(people) as PersonName[];

/**
 * Every allowed transition, tried by everyone except the one person the role
 * names now: the previous holder (the shipper, who endorsed the bill to the
 * bank), other parties of the same organisation, the issuer and another
 * carrier, the operator, the insurer service, the organisation's cryptogen
 * Admin (OU admin, no role), and a party, a carrier and the operator of
 * another organisation.
 */
const CASES = EBL_TRANSITIONS.flatMap((transition) =>
  NAMES.map((name) => ({ ...transition, name })),
);

describe('Ebl roles: only the party the table names may act', () => {
  it('tries each of the 17 transitions as each of the people', () => {
    expect(CASES).toHaveLength(EBL_TRANSITIONS.length * NAMES.length);
  });

  it.each(CASES)('$action in $from (by $by) attempted by $name', async (c) => {
    const world = new EblWorld();
    const record = await reach(world, REFERENCE, c.from, { handedOn: true });
    const rightful = actorFor(c.by, record);
    const who = people[c.name];
    const before = world.snapshot();

    const attempt = world.act(who, REFERENCE, c.action, ...argumentsFor(c.action));

    if (partyOf(who) === partyOf(rightful)) {
      await expect(attempt).resolves.toMatchObject({ status: c.to });
    } else if (who.mspId === ORG1) {
      await expect(attempt).rejects.toThrow(
        `FORBIDDEN: ${c.action} on ${REFERENCE} may only be taken by`,
      );
      expect(world.snapshot()).toBe(before);
    } else {
      // Records live under the invoker's MSP: another organisation cannot even address this one.
      await expect(attempt).rejects.toThrow(`NOT_FOUND: ${REFERENCE} not found on ${who.mspId}`);
      expect(world.snapshot()).toBe(before);
    }
  });

  it('lets an operator act for its own platform only, even on a document of the same reference', async () => {
    const world = new EblWorld();
    await reach(world, REFERENCE, 'EXPORT_PENDING');
    await world.issue(REFERENCE, { by: people.foreignCarrier, holder: people.foreignBank });
    const org1Before = await world.read(REFERENCE, ORG1);

    await expect(world.act(people.foreignOperator, REFERENCE, 'EXPORT_ACCEPTED')).rejects.toThrow(
      `INVALID_STATE: EXPORT_ACCEPTED is not allowed in status ISSUED`,
    );
    expect(await world.read(REFERENCE, ORG1)).toEqual(org1Before);
  });
});
