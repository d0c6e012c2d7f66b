import { DeviceAction, DeviceStatus } from '../../../libs/contracts/src/ledger';
import { DevicesWorld, PersonName, people, registration } from '../testing/devices-world';

const OTHERS = (Object.keys(people) as PersonName[]).filter((name) => name !== 'owner');
const ACTIONS = Object.values(DeviceAction);

/**
 * Only the owning organisation's platform operator changes its devices
 * (docs/decisions/0017): every action, on a device in a status that allows
 * it, by everyone else — the same organisation's other services, its
 * cryptogen Admin (OU admin, no role), an ordinary user, and another
 * organisation's platform operator, insurer and user.
 */
const CASES = ACTIONS.flatMap((action) =>
  OTHERS.map((name) => ({
    action,
    name,
    status: action === DeviceAction.reactivate ? DeviceStatus.suspended : DeviceStatus.active,
  })),
);

describe('Devices roles: only the owner’s platform operator changes a device', () => {
  it('tries each of the 5 actions as each of the 9 others', () => {
    expect(CASES).toHaveLength(45);
  });

  it.each(CASES)('$action on a $status device attempted by $name', async (c) => {
    const world = new DevicesWorld();
    await world.reach(c.status);
    const before = world.snapshot();

    await expect(world.act(c.action, people[c.name])).rejects.toThrow(
      /^FORBIDDEN: (only Org1MSP's platform operator|the invoking identity)/,
    );
    expect(world.snapshot()).toBe(before);
    // The owner can do the same thing: the refusal was about who, not what.
    await expect(world.act(c.action, people.owner)).resolves.toBeDefined();
  });

  it.each(OTHERS.filter((name) => people[name].attributes?.['pujiang.role'] !== 'platform'))(
    'registering is for a platform operator: %s is refused',
    async (name) => {
      const world = new DevicesWorld();
      await expect(world.register(registration(), people[name])).rejects.toThrow(
        /^FORBIDDEN: only Org[12]MSP's platform operator/,
      );
      expect(world.ledger.state.size).toBe(0);
    },
  );

  it("another organisation's platform operator cannot take over a registered device", async () => {
    const world = new DevicesWorld();
    await world.register();
    const before = world.snapshot();
    await expect(world.register(registration(), people.otherPlatform)).rejects.toThrow(
      'ALREADY_EXISTS: device urn:epc:id:giai:4012345.RC-0001 is already registered',
    );
    expect(world.snapshot()).toBe(before);
  });
});
