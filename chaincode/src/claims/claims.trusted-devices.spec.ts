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
  it('keeps the trusted devices and owners a trigger names, and nothing when it names none', async () => {
    const world = new ClaimsWorld();
    const trusting = reefer({
      trustedDevices: ['urn:epc:id:giai:4012345.RC-0001'],
      trustedOwners: ['Org1MSP'],
    });
    const policy = await world.createPolicy({ parametricTriggers: [trusting] });
    expect(policy.parametricTriggers).toEqual([trusting]);

    const plain = await world.createPolicy({
      policyId: 'POL-PLAIN',
      parametricTriggers: [reefer({})],
    });
    expect(plain.parametricTriggers[0]).not.toHaveProperty('trustedDevices');
    expect(plain.parametricTriggers[0]).not.toHaveProperty('trustedOwners');
  });

  it.each([
    ['a device id that is not a URI', { trustedDevices: ['RC 0001'] }, 'must be a device id (URI)'],
    ['an owner that is not an MSP id', { trustedOwners: ['Org 1'] }, 'must be an MSP id'],
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
