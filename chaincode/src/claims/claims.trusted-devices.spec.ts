import { ParametricTrigger } from '../../../libs/contracts/src/ledger';
import { ClaimsWorld } from '../testing/claims-world';

const reefer = (trust: Record<string, unknown>) =>
  ({
    triggerId: 'reefer',
    kind: 'TEMPERATURE',
    minCelsiusTenths: 20,
    maxCelsiusTenths: 80,
    minDurationMinutes: 30,
    ...trust,
  }) as ParametricTrigger;

/** A temperature trigger names the devices, or the owners' devices, whose readings count (issue 17). */
describe('Claims policies: devices a temperature trigger trusts', () => {
  it('keeps the trusted devices and owners a trigger names', async () => {
    const world = new ClaimsWorld();
    const trusting = reefer({
      trustedDevices: ['urn:epc:id:giai:4012345.RC-0001'],
      trustedOwners: ['Org1MSP'],
    });
    const policy = await world.createPolicy({ parametricTriggers: [trusting] });
    expect(policy.parametricTriggers).toEqual([trusting]);

    const byOwner = reefer({ trustedOwners: ['Org1MSP'] });
    const owned = await world.createPolicy({
      policyId: 'POL-OWNER',
      parametricTriggers: [byOwner],
    });
    expect(owned.parametricTriggers).toEqual([byOwner]);
  });

  it.each([
    ['names no device nor owner', {}],
    ['names empty lists', { trustedDevices: [], trustedOwners: [] }],
  ])(
    'refuses a temperature trigger that %s: it would count forged readings; writes nothing',
    async (_, trust) => {
      const world = new ClaimsWorld();
      const before = world.snapshot();
      await expect(world.createPolicy({ parametricTriggers: [reefer(trust)] })).rejects.toThrow(
        /INVALID_ARGUMENT: .*a TEMPERATURE trigger must name the devices \(trustedDevices\) or the owners \(trustedOwners\)/,
      );
      expect(world.snapshot()).toBe(before);
    },
  );

  it.each([
    ['a device id that is not a URI', { trustedDevices: ['RC 0001'] }, 'must be a device id (URI)'],
    [
      'an owner that is not an MSP id',
      { trustedDevices: ['urn:x:1'], trustedOwners: ['Org 1'] },
      'must be an MSP id',
    ],
    ['the same device twice', { trustedDevices: ['urn:x:1', 'urn:x:1'] }, 'INVALID_ARGUMENT'],
    ['trusted devices that are not a list', { trustedDevices: 'urn:x:1' }, 'INVALID_ARGUMENT'],
  ])('refuses %s and writes nothing', async (_, trust, message) => {
    const world = new ClaimsWorld();
    const before = world.snapshot();
    await expect(world.createPolicy({ parametricTriggers: [reefer(trust)] })).rejects.toThrow(
      message,
    );
    expect(world.snapshot()).toBe(before);
  });
});
