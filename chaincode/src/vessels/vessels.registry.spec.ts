import { VesselAction, vesselStateAt, type VesselRecord } from '../../../libs/contracts/src/ledger';
import {
  BUYER,
  IMO,
  OWNER,
  VesselsWorld,
  certificate,
  hoursAfter,
  people,
  registration,
} from '../testing/vessels-world';

describe('Vessels registry: records, history and the state at a time', () => {
  it('registers with the IMO number, name, flag, integer gross tonnage and owner', async () => {
    const world = new VesselsWorld();
    const record = await world.register(registration({ imoNumber: 'IMO 9811000' }));
    expect(record).toMatchObject({
      imoNumber: IMO,
      status: 'REGISTERED',
      names: [{ value: 'Pujiang Pioneer', from: '2026-11-23T08:00:00.000Z' }],
      grossTonnages: [{ value: 41230, from: '2026-11-23T08:00:00.000Z' }],
      owners: [{ value: OWNER }],
      history: [{ action: 'REGISTER', txId: 'tx-1', by: 'Org1MSP::Registry@org1.pujiang.test' }],
    });
    expect(world.ledger.events.map((e) => e.name)).toEqual(['VesselChanged']);
  });

  it.each([
    ['a wrong check digit', { imoNumber: '9811001' }],
    ['a float tonnage', { grossTonnage: 41230.5 }],
    ['a tonnage as text', { grossTonnage: '41230' }],
    ['no owner', { owner: undefined }],
    ['an owner without MSP', { owner: { name: 'X' } }],
    ['a future effective date', { effectiveFrom: hoursAfter(1) }],
    ['an empty name', { name: '' }],
  ])('refuses %s with INVALID_ARGUMENT and writes nothing', async (_, overrides) => {
    const world = new VesselsWorld();
    await expect(world.register(registration(overrides))).rejects.toThrow(/^INVALID_ARGUMENT/);
    expect(world.ledger.state.size).toBe(0);
  });

  it('keeps every change, and reads the vessel as it stood at any time', async () => {
    const world = new VesselsWorld();
    await world.reach();
    await world.contract.recordCertificate(
      world.ctx(people.flagState, hoursAfter(1)),
      IMO,
      certificate('ISM', { validUntil: hoursAfter(48) }),
    );
    await world.act(VesselAction.transferOwnership, people.owner, hoursAfter(24));
    await world.act(VesselAction.amendRegistration, people.flagState, hoursAfter(25));
    await world.act(VesselAction.suspendClass, people.classSociety, hoursAfter(30));
    const record = await world.read();
    expect(record.history.map((c) => c.action)).toEqual([
      'REGISTER',
      'APPOINT_MANAGER',
      'ASSIGN_CLASS',
      'RECORD_CERTIFICATE',
      'RECORD_CERTIFICATE',
      'TRANSFER_OWNERSHIP',
      'AMEND_REGISTRATION',
      'SUSPEND_CLASS',
    ]);

    const before = vesselStateAt(record, hoursAfter(2));
    expect(before).toMatchObject({
      name: 'Pujiang Pioneer',
      owner: OWNER,
      classStatus: 'IN_CLASS',
    });
    expect(Object.keys(before.validCertificates).sort()).toEqual(['CLASS', 'ISM']);
    const after = vesselStateAt(record, hoursAfter(50));
    expect(after).toMatchObject({ name: 'Elbe Pioneer', owner: BUYER, classStatus: 'SUSPENDED' });
    expect(Object.keys(after.validCertificates)).toEqual(['CLASS']);
  });

  it('dates a class suspension back, but not before the last class change nor into the future', async () => {
    const world = new VesselsWorld();
    await world.reach();
    const change = (effectiveFrom: string) =>
      world.contract.changeClass(
        world.ctx(people.classSociety, hoursAfter(5)),
        IMO,
        JSON.stringify({ action: 'SUSPEND_CLASS', effectiveFrom }),
      );
    await expect(change(hoursAfter(0))).rejects.toThrow(/not be before the last change/);
    await expect(change(hoursAfter(6))).rejects.toThrow(/not be in the future/);
    const record = JSON.parse(await change(hoursAfter(3))) as VesselRecord;
    expect(record.classes.at(-1)).toEqual({
      value: { status: 'SUSPENDED', society: 'Yangtze Register', societyMsp: 'Org2MSP' },
      from: hoursAfter(3),
    });
    expect(record.history.at(-1)).toMatchObject({
      at: hoursAfter(5),
      effectiveFrom: hoursAfter(3),
    });
  });

  it('re-flags: another flag state registers a deregistered vessel, keeping its history', async () => {
    const world = new VesselsWorld();
    await world.reach();
    await world.act(VesselAction.deregister, people.flagState, hoursAfter(1));
    const record = await world.act(VesselAction.register, people.otherFlag, hoursAfter(2));
    expect(record.registrations.map((r) => [r.value.flag, r.value.until])).toEqual([
      ['PA', hoursAfter(1)],
      ['LR', undefined],
    ]);
    expect(vesselStateAt(record, hoursAfter(1.5)).registered).toBe(false);
    // Panama's registry no longer writes it.
    await expect(
      world.act(VesselAction.amendRegistration, people.flagState, hoursAfter(3)),
    ).rejects.toThrow(/^FORBIDDEN: only the flag state of LR/);
  });

  it('refuses a certificate whose hash is not a SHA-256, and one recorded twice', async () => {
    const world = new VesselsWorld();
    await world.reach();
    const ctx = () => world.ctx(people.classSociety, hoursAfter(1));
    await expect(
      world.contract.recordCertificate(ctx(), IMO, certificate('CLASS', { documentSha256: 'abc' })),
    ).rejects.toThrow(/^INVALID_ARGUMENT: documentSha256/);
    await expect(
      world.contract.recordCertificate(ctx(), IMO, certificate('CLASS')),
    ).rejects.toThrow(/^ALREADY_EXISTS/);
  });

  it('answers NOT_FOUND for an unregistered vessel', async () => {
    const world = new VesselsWorld();
    await expect(world.read()).rejects.toThrow('NOT_FOUND: vessel 9811000 is not registered');
    await expect(world.act(VesselAction.appointManager, people.owner)).rejects.toThrow(
      /^NOT_FOUND/,
    );
  });
});
