import {
  DEVICE_TRANSITIONS,
  DeviceAction,
  DeviceEvent,
  DeviceStatus,
  deviceStatusAfter,
} from '../../../libs/contracts/src/ledger';
import { DevicesWorld, people } from '../testing/devices-world';

const STATUSES = Object.values(DeviceStatus);
const ACTIONS = Object.values(DeviceAction);

/** Every (status × action) pair, generated from the shared table rather than written by hand. */
const CASES = STATUSES.flatMap((status) =>
  ACTIONS.map((action) => ({ status, action, to: deviceStatusAfter(status, action) })),
);
const ALLOWED = CASES.filter((c) => c.to !== undefined);
const REFUSED = CASES.filter((c) => c.to === undefined);

describe('Devices state machine: every action in every status', () => {
  it('has 5 actions × 3 statuses, of which exactly the table rows are allowed', () => {
    // A new status or action changes these counts: extend the walk and the rules with it.
    expect(CASES).toHaveLength(15);
    expect(ALLOWED).toHaveLength(
      Object.values(DEVICE_TRANSITIONS).flatMap((row) => Object.keys(row)).length,
    );
    expect(ALLOWED).toHaveLength(8);
  });

  it('never leaves REVOKED', () => {
    expect(CASES.filter((c) => c.status === DeviceStatus.revoked && c.to !== undefined)).toEqual(
      [],
    );
  });

  it.each(ALLOWED)('$action on a $status device leads to $to', async (c) => {
    const world = new DevicesWorld();
    const before = await world.reach(c.status);
    const events = world.ledger.events.length;

    const after = await world.act(c.action);

    expect(after.status).toBe(c.to);
    expect(await world.read()).toEqual(after);
    expect(after.history).toHaveLength(before.history.length + 1);
    expect(after.history.at(-1)).toMatchObject({
      action: c.action,
      by: 'Org1MSP::Platform@org1.pujiang.test',
    });
    expect(world.ledger.events).toHaveLength(events + 1);
    expect(world.ledger.events.at(-1)).toEqual({
      name: DeviceEvent.changed,
      payload: JSON.stringify(JSON.parse(world.ledger.events.at(-1)?.payload ?? '')),
    });
    expect(JSON.parse(world.ledger.events.at(-1)?.payload ?? '')).toEqual(after);
  });

  it.each(REFUSED)(
    '$action on a $status device is INVALID_STATE and changes nothing',
    async (c) => {
      const world = new DevicesWorld();
      await world.reach(c.status);
      const before = world.snapshot();

      await expect(world.act(c.action, people.owner)).rejects.toThrow(
        `INVALID_STATE: a ${c.status} device cannot ${c.action}`,
      );
      expect(world.snapshot()).toBe(before);
    },
  );

  it.each(ACTIONS)('%s on a device never registered is NOT_FOUND', async (action) => {
    const world = new DevicesWorld();
    await expect(world.act(action)).rejects.toThrow('NOT_FOUND: device');
    expect(world.ledger.state.size).toBe(0);
  });
});
