import {
  EBL_TRANSITIONS,
  EblAction,
  EblStatus,
  transitionFor,
} from '../../../libs/contracts/src/ledger';
import {
  EblWorld,
  actorFor,
  argumentsFor,
  pathsFromIssued,
  reach,
  roleOf,
} from '../testing/ebl-world';

const STATUSES = Object.values(EblStatus);
const ACTIONS = Object.values(EblAction);
const REFERENCE = 'MAEU-SM-0001';

/** Every (action × status) pair, generated from the shared table rather than written by hand. */
const CASES = ACTIONS.flatMap((action) =>
  STATUSES.map((status) => ({ action, status, transition: transitionFor(action, status) })),
);
const ALLOWED = CASES.flatMap(({ transition }) => (transition ? [transition] : []));
const REFUSED = CASES.filter(({ transition }) => transition === undefined);

describe('Ebl state machine: every action in every status', () => {
  it('has 15 actions × 9 statuses, of which exactly the table rows are allowed', () => {
    // A new status or action changes this count: extend the walk and the rules with it.
    expect(CASES).toHaveLength(135);
    expect(ALLOWED).toEqual(EBL_TRANSITIONS);
    expect(REFUSED).toHaveLength(135 - EBL_TRANSITIONS.length);
  });

  it('reaches every status from ISSUED through allowed transitions', () => {
    expect([...pathsFromIssued().keys()].sort()).toEqual([...STATUSES].sort());
  });

  it('names one role per action, whatever status it starts from', () => {
    for (const t of EBL_TRANSITIONS) expect(t.by).toBe(roleOf(t.action));
  });

  it.each(ALLOWED)('$action in $from by $by leads to $to', async (transition) => {
    const world = new EblWorld();
    const before = await reach(world, REFERENCE, transition.from);
    const actor = actorFor(transition.by, before);
    const events = world.ledger.events.length;

    const after = await world.act(
      actor,
      REFERENCE,
      transition.action,
      ...argumentsFor(transition.action),
    );

    expect(after.status).toBe(transition.to);
    expect(await world.read(REFERENCE)).toEqual(after);
    expect(after.chain).toHaveLength(before.chain.length + 1);
    expect(after.chain.at(-1)).toMatchObject({ action: transition.action });
    expect(world.ledger.events).toHaveLength(events + 1);
  });

  it.each(REFUSED)('$action in $status is INVALID_STATE and changes nothing', async (c) => {
    const world = new EblWorld();
    const record = await reach(world, REFERENCE, c.status);
    const actor = actorFor(roleOf(c.action), record);
    const before = world.snapshot();

    await expect(world.act(actor, REFERENCE, c.action, ...argumentsFor(c.action))).rejects.toThrow(
      `INVALID_STATE: ${c.action} is not allowed in status ${c.status}`,
    );
    expect(world.snapshot()).toBe(before);
  });
});
