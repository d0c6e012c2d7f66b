import {
  CLAIM_TRANSITIONS,
  ClaimAction,
  ClaimStatus,
  claimTransitionFor,
} from '../../../libs/contracts/src/ledger';
import {
  CLAIM_ID,
  ClaimsWorld,
  actorFor,
  argumentsFor,
  pathsFromNotified,
  reach,
  roleOf,
} from '../testing/claims-world';

const STATUSES = Object.values(ClaimStatus);
const ACTIONS = Object.values(ClaimAction);

/** Every (action × status) pair, generated from the shared table rather than written by hand. */
const CASES = ACTIONS.flatMap((action) =>
  STATUSES.map((status) => ({ action, status, transition: claimTransitionFor(action, status) })),
);
const ALLOWED = CASES.flatMap(({ transition }) => (transition ? [transition] : []));
const REFUSED = CASES.filter(({ transition }) => transition === undefined);

describe('Claims state machine: every action in every status', () => {
  it('has 18 actions × 17 statuses, of which exactly the 39 table rows are allowed', () => {
    // A new status or action changes these counts: extend the walk and the rules with it.
    expect(CASES).toHaveLength(306);
    expect(CLAIM_TRANSITIONS).toHaveLength(39);
    expect(ALLOWED).toEqual(
      [...CLAIM_TRANSITIONS].sort(
        (a, b) =>
          ACTIONS.indexOf(a.action) - ACTIONS.indexOf(b.action) ||
          STATUSES.indexOf(a.from) - STATUSES.indexOf(b.from),
      ),
    );
    expect(REFUSED).toHaveLength(306 - 39);
  });

  it('has at most one row per (action, status)', () => {
    const pairs = CLAIM_TRANSITIONS.map((t) => `${t.action}/${t.from}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('reaches every status from NOTIFIED through allowed transitions', () => {
    expect([...pathsFromNotified().keys()].sort()).toEqual([...STATUSES].sort());
  });

  it('names one role per action, whatever status it starts from', () => {
    for (const t of CLAIM_TRANSITIONS) expect(t.by).toBe(roleOf(t.action));
  });

  it.each(ALLOWED)('$action in $from by $by leads to $to', async (transition) => {
    const world = new ClaimsWorld();
    const before = await reach(world, CLAIM_ID, transition.from);
    const actor = actorFor(transition.by, before);
    const events = world.ledger.events.length;

    const after = await world.act(
      actor,
      CLAIM_ID,
      transition.action,
      ...argumentsFor(transition.action),
    );

    expect(after.status).toBe(transition.to);
    expect(await world.readClaim(CLAIM_ID)).toEqual(after);
    expect(after.history).toHaveLength(before.history.length + 1);
    expect(after.history.at(-1)).toMatchObject({
      action: transition.action,
      from: transition.from,
      to: transition.to,
    });
    expect(world.ledger.events).toHaveLength(events + 1);
    expect(world.ledger.events.at(-1)?.name).toBe('ClaimChanged');
  });

  it.each(REFUSED)('$action in $status is INVALID_STATE and changes nothing', async (c) => {
    const world = new ClaimsWorld();
    const record = await reach(world, CLAIM_ID, c.status);
    const actor = actorFor(roleOf(c.action), record);
    const before = world.snapshot();

    await expect(world.act(actor, CLAIM_ID, c.action, ...argumentsFor(c.action))).rejects.toThrow(
      `INVALID_STATE: ${c.action} is not allowed in status ${c.status}`,
    );
    expect(world.snapshot()).toBe(before);
  });
});
