import { ClassStatus, VesselAction, VesselStatus } from '../../../libs/contracts/src/ledger';
import {
  IMO,
  PersonName,
  VesselsWorld,
  certificate,
  hoursAfter,
  people,
} from '../testing/vessels-world';

const EVERYONE = Object.keys(people) as PersonName[];

/**
 * Each field is written only by the party entitled to it (issue 21): every
 * action on a vessel in a state that allows it, attempted by every identity
 * of the story, refused with FORBIDDEN and nothing written unless it is the
 * entitled party; then the entitled party does the same thing.
 */
const ENTITLED: Record<VesselAction, readonly PersonName[]> = {
  REGISTER: ['flagState', 'otherFlagSameOrg', 'otherFlag'],
  AMEND_REGISTRATION: ['flagState'],
  DEREGISTER: ['flagState'],
  TRANSFER_OWNERSHIP: ['owner'],
  APPOINT_MANAGER: ['owner'],
  ASSIGN_CLASS: ['classSociety', 'otherClassSociety'],
  CONFIRM_CLASS: ['classSociety'],
  SUSPEND_CLASS: ['classSociety'],
  REINSTATE_CLASS: ['classSociety'],
  WITHDRAW_CLASS: ['classSociety'],
  RECORD_CERTIFICATE: ['classSociety'],
  WITHDRAW_CERTIFICATE: ['classSociety'],
};

/** The state each action is tried in: one the tables allow it in. */
function stateFor(action: VesselAction): [VesselStatus, ClassStatus] {
  if (action === VesselAction.register) return [VesselStatus.deregistered, ClassStatus.inClass];
  if (action === VesselAction.assignClass) return [VesselStatus.registered, ClassStatus.withdrawn];
  if (action === VesselAction.reinstateClass)
    return [VesselStatus.registered, ClassStatus.suspended];
  return [VesselStatus.registered, ClassStatus.inClass];
}

const CASES = Object.values(VesselAction).flatMap((action) =>
  EVERYONE.filter((name) => !ENTITLED[action].includes(name)).map((name) => ({ action, name })),
);

describe('Vessels roles: each field is written by the party entitled to it', () => {
  it('tries each of the 12 actions as every identity not entitled to it', () => {
    const entitled = Object.values(ENTITLED).reduce((n, names) => n + names.length, 0);
    expect(CASES).toHaveLength(12 * EVERYONE.length - entitled);
  });

  it.each(CASES)('$action attempted by $name is refused and changes nothing', async (c) => {
    const world = new VesselsWorld();
    await world.reach(...stateFor(c.action));
    const before = world.snapshot();

    await expect(world.act(c.action, people[c.name])).rejects.toThrow(
      /^FORBIDDEN: (only|the invoking identity)/,
    );
    expect(world.snapshot()).toBe(before);
    // The entitled party can do the same thing: the refusal was about who, not what.
    const entitled = ENTITLED[c.action][0];
    await expect(world.act(c.action, people[entitled])).resolves.toBeDefined();
  });

  it.each(EVERYONE.filter((name) => !ENTITLED.REGISTER.includes(name)))(
    'registering a new vessel is for a flag state: %s is refused',
    async (name) => {
      const world = new VesselsWorld();
      await expect(world.register(undefined, people[name])).rejects.toThrow(
        /^FORBIDDEN: only a flag state/,
      );
      expect(world.ledger.state.size).toBe(0);
    },
  );

  it('a flag state registers under its own flag, from its certificate', async () => {
    const world = new VesselsWorld();
    const record = await world.register(undefined, people.otherFlag);
    expect(record.registrations[0]?.value).toEqual({
      flag: 'LR',
      flagStateMsp: 'Org2MSP',
      portOfRegistry: 'Panama',
    });
  });

  it.each(['flagState', 'classSociety'] as const)(
    'ISM and ISPS certificates are recorded by the vessel’s %s',
    async (name) => {
      const world = new VesselsWorld();
      await world.reach();
      for (const kind of ['ISM', 'ISPS']) {
        const ctx = world.ctx(people[name], hoursAfter(1));
        await world.contract.recordCertificate(ctx, IMO, certificate(kind));
      }
      const record = await world.read();
      expect(record.certificates.map((c) => c.kind)).toEqual(['CLASS', 'ISM', 'ISPS']);
    },
  );

  it.each(EVERYONE.filter((name) => name !== 'flagState' && name !== 'classSociety'))(
    'an ISM certificate recorded by %s is refused',
    async (name) => {
      const world = new VesselsWorld();
      await world.reach();
      const before = world.snapshot();
      await expect(
        world.contract.recordCertificate(world.ctx(people[name]), IMO, certificate('ISM')),
      ).rejects.toThrow(/^FORBIDDEN/);
      expect(world.snapshot()).toBe(before);
    },
  );

  it('a certificate is withdrawn only by the organisation that recorded it', async () => {
    const world = new VesselsWorld();
    await world.reach();
    await world.contract.recordCertificate(world.ctx(people.flagState), IMO, certificate('ISM'));
    const before = world.snapshot();
    const ctx = world.ctx(people.classSociety, hoursAfter(2));
    await expect(
      world.contract.withdrawCertificate(ctx, IMO, 'ISM', 'ISM-2026-001', ''),
    ).rejects.toThrow('FORBIDDEN: only the organisation that recorded certificate ISM-2026-001');
    expect(world.snapshot()).toBe(before);
  });

  it('after a sale the new owner, and only it, changes ownership and management', async () => {
    const world = new VesselsWorld();
    await world.reach();
    await world.act(VesselAction.transferOwnership, people.owner);
    await expect(
      world.act(VesselAction.appointManager, people.owner, hoursAfter(2)),
    ).rejects.toThrow(
      /^FORBIDDEN: only the registered owner \(certificate attribute pujiang.role=ship-owner of Org2MSP\)/,
    );
    await expect(
      world.act(VesselAction.appointManager, people.otherOwner, hoursAfter(2)),
    ).resolves.toBeDefined();
  });
});
