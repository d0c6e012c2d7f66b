import { generateKeyPair, exportJWK, calculateJwkThumbprint } from 'jose';
import type { DevicePublicJwk, DeviceRecord } from '@pujiang/contracts';
import { AttestationVerdict } from '@pujiang/contracts';
import { attestEvent } from './attestation';
import { jwkThumbprint } from './registry';
import { SIGNATURE_MEMBER, signSensorElement } from './signed-reading';

const DEVICE = 'urn:epc:id:giai:4012345.RC-0001';
const CONTAINER = 'CSQU3054383';
const T = (minutes: number) => new Date(Date.UTC(2026, 10, 23, 8, minutes)).toISOString();

async function deviceKey(alg: 'ES256' | 'EdDSA') {
  const pair = await generateKeyPair(alg, { crv: alg === 'EdDSA' ? 'Ed25519' : undefined });
  const jwk = (await exportJWK(pair.publicKey)) as DevicePublicJwk;
  return { alg, jwk, kid: jwkThumbprint(jwk), privateKey: pair.privateKey };
}

function recordOf(
  key: Awaited<ReturnType<typeof deviceKey>>,
  more: Partial<DeviceRecord> = {},
): DeviceRecord {
  return {
    deviceId: DEVICE,
    ownerMspId: 'Org1MSP',
    kind: 'REEFER_CONTROLLER',
    model: 'RC-7',
    status: 'ACTIVE',
    statuses: [{ status: 'ACTIVE', from: T(0) }],
    keys: [{ kid: key.kid, alg: key.alg, jwk: key.jwk, validFrom: T(0) }],
    attachments: [{ assetKind: 'CONTAINER', asset: CONTAINER, from: T(0) }],
    history: [],
    ...more,
  };
}

const element = (minute: number, celsius: number) => ({
  sensorMetadata: { deviceID: DEVICE, time: T(minute) },
  sensorReport: [{ type: 'Temperature', value: celsius, uom: 'CEL' }],
});

const eventWith = (elements: unknown[], container = CONTAINER) => ({
  type: 'ObjectEvent',
  eventTime: T(30),
  action: 'OBSERVE',
  epcList: [`urn:epc:id:bic:${container}`],
  sensorElementList: elements,
});

describe('attestation of signed sensor readings', () => {
  const seen = new Set<string>();
  const context = (record: DeviceRecord | undefined) => ({
    device: (id: string) => Promise.resolve(id === record?.deviceId ? record : undefined),
    seenBefore: (digest: string) => Promise.resolve(seen.has(digest)),
  });
  beforeEach(() => seen.clear());

  it.each(['ES256', 'EdDSA'] as const)(
    'attests a reading signed by a registered %s key',
    async (alg) => {
      const key = await deviceKey(alg);
      expect(key.kid).toBe(await calculateJwkThumbprint(key.jwk));
      const signed = await signSensorElement(element(10, 9.5), key);
      const [verdict] = await attestEvent(eventWith([signed]), context(recordOf(key)));
      expect(verdict).toMatchObject({
        verdict: AttestationVerdict.attested,
        deviceId: DEVICE,
        ownerMspId: 'Org1MSP',
        kid: key.kid,
        reason: `attested by ${DEVICE} of Org1MSP`,
      });
    },
  );

  it('gives each refused reading its verdict and reason', async () => {
    const key = await deviceKey('ES256');
    const stranger = await deviceKey('ES256');
    const signed = await signSensorElement(element(10, 9.5), key);
    const record = recordOf(key);
    const verdictOf = async (
      elements: unknown[],
      r: DeviceRecord | null = record,
      container = CONTAINER,
    ) => (await attestEvent(eventWith(elements, container), context(r ?? undefined)))[0];

    expect(await verdictOf([element(10, 9.5)])).toMatchObject({ verdict: 'UNSIGNED' });
    expect(await verdictOf([await signSensorElement(element(10, 9.5), stranger)])).toMatchObject({
      verdict: 'UNREGISTERED_KEY',
      reason: expect.stringContaining('was not a registered key') as string,
    });
    expect(await verdictOf([signed], null)).toMatchObject({ verdict: 'UNREGISTERED_KEY' });
    const altered = { ...signed, sensorReport: [{ type: 'Temperature', value: 12.5, uom: 'CEL' }] };
    expect(await verdictOf([altered])).toMatchObject({
      verdict: 'BAD_SIGNATURE',
      reason: expect.stringContaining('altered after signing') as string,
    });
    expect(await verdictOf([{ ...signed, [SIGNATURE_MEMBER]: 'abc' }])).toMatchObject({
      verdict: 'BAD_SIGNATURE',
    });
    const revoked = {
      ...record,
      statuses: [...record.statuses, { status: 'REVOKED' as const, from: T(5) }],
    };
    expect(await verdictOf([signed], revoked)).toMatchObject({ verdict: 'DEVICE_REVOKED' });
    const suspended = {
      ...record,
      statuses: [...record.statuses, { status: 'SUSPENDED' as const, from: T(5) }],
    };
    expect(await verdictOf([signed], suspended)).toMatchObject({ verdict: 'DEVICE_SUSPENDED' });
    expect(await verdictOf([signed], record, 'MSKU0000006')).toMatchObject({
      verdict: 'ATTACHED_ELSEWHERE',
      reason: expect.stringContaining(`attached to container ${CONTAINER}`) as string,
    });
    const first = await verdictOf([signed]);
    seen.add(first?.signatureDigest ?? '');
    expect(await verdictOf([signed])).toMatchObject({ verdict: 'REPLAYED' });
  });

  it('keeps a reading verifiable after its key is rotated out, and refuses the old key after', async () => {
    const old = await deviceKey('ES256');
    const next = await deviceKey('EdDSA');
    const rotated = recordOf(old, {
      keys: [
        { kid: old.kid, alg: old.alg, jwk: old.jwk, validFrom: T(0), validUntil: T(20) },
        { kid: next.kid, alg: next.alg, jwk: next.jwk, validFrom: T(20) },
      ],
    });
    const before = await signSensorElement(element(10, 5), old);
    const afterWithOld = await signSensorElement(element(25, 5), old);
    const afterWithNew = await signSensorElement(element(25, 5), next);
    const verdicts = await attestEvent(
      eventWith([before, afterWithOld, afterWithNew]),
      context(rotated),
    );
    expect(verdicts.map((v) => v.verdict)).toEqual(['ATTESTED', 'UNREGISTERED_KEY', 'ATTESTED']);
  });
});
