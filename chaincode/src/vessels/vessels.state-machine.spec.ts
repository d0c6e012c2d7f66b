import {
  CLASS_ACTIONS,
  CLASS_TRANSITIONS,
  ClassStatus,
  VESSEL_TRANSITIONS,
  VesselAction,
  VesselStatus,
} from '../../../libs/contracts/src/ledger';
import { PersonName, VesselsWorld, people } from '../testing/vessels-world';

/** The entitled party of each action, so only the tables decide here. */
const BY: Record<VesselAction, PersonName> = {
  REGISTER: 'otherFlag',
  AMEND_REGISTRATION: 'flagState',
  DEREGISTER: 'flagState',
  TRANSFER_OWNERSHIP: 'owner',
  APPOINT_MANAGER: 'owner',
  ASSIGN_CLASS: 'classSociety',
  CONFIRM_CLASS: 'classSociety',
  SUSPEND_CLASS: 'classSociety',
  REINSTATE_CLASS: 'classSociety',
  WITHDRAW_CLASS: 'classSociety',
  RECORD_CERTIFICATE: 'classSociety',
  WITHDRAW_CERTIFICATE: 'classSociety',
};

function classStateFor(action: VesselAction): ClassStatus {
  if (action === VesselAction.assignClass) return ClassStatus.withdrawn;
  if (action === VesselAction.reinstateClass) return ClassStatus.suspended;
  return ClassStatus.inClass;
}

const REGISTRATION_CASES = Object.values(VesselStatus).flatMap((status) =>
  Object.values(VesselAction).map((action) => ({
    status,
    action,
    after: VESSEL_TRANSITIONS[status][action],
  })),
);

describe('Vessels state machine: the registration table decides', () => {
  it('covers every status × action', () => {
    expect(REGISTRATION_CASES).toHaveLength(2 * 12);
  });

  it.each(REGISTRATION_CASES)('$action on a $status vessel → $after', async (c) => {
    const world = new VesselsWorld();
    await world.reach(c.status, classStateFor(c.action));
    const before = world.snapshot();
    const attempt = world.act(c.action, people[BY[c.action]]);
    if (c.after === undefined) {
      const refusal =
        c.action === VesselAction.register ? /^ALREADY_EXISTS: / : /^INVALID_STATE: a \w+ vessel/;
      await expect(attempt).rejects.toThrow(refusal);
      expect(world.snapshot()).toBe(before);
      return;
    }
    const record = await attempt;
    expect(record.status).toBe(c.after);
    expect(record.history.at(-1)?.action).toBe(c.action);
    expect(await world.read()).toEqual(record);
  });
});

const CLASS_CASES = Object.values(ClassStatus).flatMap((status) =>
  CLASS_ACTIONS.map((action) => ({ status, action, after: CLASS_TRANSITIONS[status][action] })),
);

describe('Vessels state machine: the class table decides', () => {
  it('covers every class status × class action', () => {
    expect(CLASS_CASES).toHaveLength(4 * 5);
  });

  it.each(CLASS_CASES)('$action on a vessel $status → $after', async (c) => {
    const world = new VesselsWorld();
    await world.reach(VesselStatus.registered, c.status);
    const before = world.snapshot();
    const attempt = world.act(c.action, people.classSociety);
    if (c.after === undefined) {
      await expect(attempt).rejects.toThrow(/^INVALID_STATE: a vessel whose class is/);
      expect(world.snapshot()).toBe(before);
      return;
    }
    const record = await attempt;
    expect(record.classes.at(-1)?.value).toMatchObject({
      status: c.after,
      societyMsp: 'Org2MSP',
      society: 'Yangtze Register',
    });
  });
});
