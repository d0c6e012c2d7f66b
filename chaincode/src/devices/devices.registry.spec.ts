import { DeviceAction, DeviceEvent } from '../../../libs/contracts/src/ledger';
import {
  attachmentAt,
  jwkThumbprint,
  keyValidAt,
  statusAt,
} from '../../../libs/device-attestation/src/registry';
import {
  CONTAINER,
  DEVICE,
  DevicesWorld,
  OTHER_CONTAINER,
  T0,
  hoursAfter,
  people,
  publicKey,
  registration,
} from '../testing/devices-world';

const at = (iso: string) => new Date(iso);

describe('Devices registry: what a record holds and how it changes', () => {
  it('registers a P-256 or Ed25519 key under its RFC 7638 thumbprint, owned by the signer', async () => {
    for (const alg of ['ES256', 'EdDSA'] as const) {
      const world = new DevicesWorld();
      const key = publicKey(alg);
      const record = await world.register(registration(key));
      expect(record).toMatchObject({
        deviceId: DEVICE,
        ownerMspId: 'Org1MSP',
        status: 'ACTIVE',
        statuses: [{ status: 'ACTIVE', from: T0 }],
        keys: [{ alg, validFrom: T0 }],
        attachments: [],
        history: [{ action: 'REGISTER', at: T0, by: 'Org1MSP::Platform@org1.pujiang.test' }],
      });
      expect(record.keys[0]?.kid).toBe(jwkThumbprint(record.keys[0].jwk));
      expect(world.ledger.events.map((e) => e.name)).toEqual([DeviceEvent.changed]);
    }
  });

  it.each([
    ['a private key', { jwk: { ...publicKey().jwk, d: 'x'.repeat(43) } }, 'private key'],
    ['an Ed25519 key for ES256', { alg: 'ES256', jwk: publicKey('EdDSA').jwk }, 'EC P-256'],
    ['an unknown algorithm', { alg: 'RS256' }, 'alg must be ES256 or EdDSA'],
    ['a short coordinate', { jwk: { ...publicKey().jwk, x: 'abc' } }, 'jwk.x'],
    ['a device id that is not a URI', { deviceId: 'RC 0001' }, 'deviceId must be a URI'],
    ['an unknown kind', { kind: 'TOASTER' }, 'kind must be one of'],
    ['no model', { model: '' }, 'model must be'],
  ])('refuses %s, writing nothing', async (_, overrides, message) => {
    const world = new DevicesWorld();
    await expect(world.register(registration(overrides))).rejects.toThrow(`INVALID_ARGUMENT: `);
    await expect(world.register(registration(overrides))).rejects.toThrow(message);
    expect(world.ledger.state.size).toBe(0);
  });

  it('dates the device and its key from when it went into service, never from the future', async () => {
    const world = new DevicesWorld();
    const record = await world.register(registration({ since: hoursAfter(-6) }), people.owner);
    expect(record.statuses).toEqual([{ status: 'ACTIVE', from: hoursAfter(-6) }]);
    expect(record.keys[0]?.validFrom).toBe(hoursAfter(-6));
    expect(record.history[0]?.at).toBe(T0);
    expect(keyValidAt(record, record.keys[0].kid, at(hoursAfter(-5)))).toBeDefined();

    const other = new DevicesWorld();
    await expect(other.register(registration({ since: hoursAfter(1) }))).rejects.toThrow(
      'INVALID_ARGUMENT: since must not be in the future',
    );
    await expect(other.register(registration({ since: 'last week' }))).rejects.toThrow(
      'INVALID_ARGUMENT: since must be an ISO 8601',
    );
    expect(other.ledger.state.size).toBe(0);
  });

  it('refuses a key already registered to another device', async () => {
    const world = new DevicesWorld();
    const key = publicKey();
    await world.register(registration(key));
    const before = world.snapshot();
    await expect(
      world.register(registration({ ...key, deviceId: 'urn:epc:id:giai:4012345.RC-0002' })),
    ).rejects.toThrow(
      /^ALREADY_EXISTS: key .* is already registered to urn:epc:id:giai:4012345.RC-0001/,
    );
    expect(world.snapshot()).toBe(before);
  });

  it('rotates a key: the old one answers for readings before the rotation, the new one after', async () => {
    const world = new DevicesWorld();
    const first = await world.register();
    const rotated = await world.act(DeviceAction.rotateKey, people.owner, hoursAfter(2));
    const [old, current] = rotated.keys;
    expect(old).toMatchObject({
      kid: first.keys[0]?.kid,
      validFrom: T0,
      validUntil: hoursAfter(2),
    });
    expect(current).toMatchObject({ validFrom: hoursAfter(2) });
    expect(current?.validUntil).toBeUndefined();
    expect(keyValidAt(rotated, old.kid, at(hoursAfter(1)))).toEqual(old);
    expect(keyValidAt(rotated, old.kid, at(hoursAfter(2)))).toBeUndefined();
    expect(keyValidAt(rotated, current.kid, at(hoursAfter(2)))).toEqual(current);
    expect(keyValidAt(rotated, current.kid, at(hoursAfter(1)))).toBeUndefined();
  });

  it('attaches to one asset at a time: a new attachment ends the previous one', async () => {
    const world = new DevicesWorld();
    await world.register();
    const attach = (asset: string, from: string, now = hoursAfter(5)) =>
      world.contract.attach(
        world.ctx(people.owner, now),
        DEVICE,
        JSON.stringify({ assetKind: 'CONTAINER', asset, from }),
      );
    await attach(CONTAINER, hoursAfter(1));
    const record = JSON.parse(await attach(OTHER_CONTAINER, hoursAfter(3))) as Awaited<
      ReturnType<DevicesWorld['read']>
    >;
    expect(record.attachments).toEqual([
      { assetKind: 'CONTAINER', asset: CONTAINER, from: hoursAfter(1), until: hoursAfter(3) },
      { assetKind: 'CONTAINER', asset: OTHER_CONTAINER, from: hoursAfter(3) },
    ]);
    expect(attachmentAt(record, at(hoursAfter(2)))?.asset).toBe(CONTAINER);
    expect(attachmentAt(record, at(hoursAfter(4)))?.asset).toBe(OTHER_CONTAINER);
    expect(attachmentAt(record, at(T0))).toBeUndefined();

    const before = world.snapshot();
    await expect(attach(CONTAINER, hoursAfter(2))).rejects.toThrow(
      "after the last attachment's start",
    );
    await expect(attach(CONTAINER, hoursAfter(9))).rejects.toThrow('not be in the future');
    await expect(attach('CSQU3054384', hoursAfter(4))).rejects.toThrow('ISO 6346');
    expect(world.snapshot()).toBe(before);
  });

  it('revokes from a given time, not before the last change of status nor in the future', async () => {
    const world = new DevicesWorld();
    await world.register();
    const revoke = (from: string) =>
      world.contract.revoke(world.ctx(people.owner, hoursAfter(5)), DEVICE, from);
    const before = world.snapshot();
    await expect(revoke(hoursAfter(-1))).rejects.toThrow('before the last change of status');
    await expect(revoke(hoursAfter(6))).rejects.toThrow('not be in the future');
    await expect(revoke('yesterday')).rejects.toThrow('INVALID_ARGUMENT: from must be an ISO 8601');
    expect(world.snapshot()).toBe(before);

    const record = JSON.parse(await revoke(hoursAfter(2))) as Awaited<
      ReturnType<DevicesWorld['read']>
    >;
    expect(record.statuses).toEqual([
      { status: 'ACTIVE', from: T0 },
      { status: 'REVOKED', from: hoursAfter(2) },
    ]);
    expect(record.history.at(-1)).toMatchObject({ action: 'REVOKE', at: hoursAfter(5) });
    expect(statusAt(record, at(hoursAfter(1)))).toBe('ACTIVE');
    expect(statusAt(record, at(hoursAfter(2)))).toBe('REVOKED');
    expect(statusAt(record, at(hoursAfter(-1)))).toBeUndefined();
  });

  it('tells an unknown device from a malformed id when read', async () => {
    const world = new DevicesWorld();
    await expect(world.read()).rejects.toThrow('NOT_FOUND: device');
    await expect(world.read('not a uri')).rejects.toThrow('INVALID_ARGUMENT: deviceId');
  });
});
