import { createHash } from 'node:crypto';
import {
  AttachedAssetKind,
  AttestationVerdict,
  DeviceStatus,
  type DeviceRecord,
  type ReadingAttestation,
} from '@pujiang/contracts';
import { isValidContainerNumber, normaliseContainerNumber } from '@pujiang/standards';
import { attachmentAt, keyValidAt, statusAt } from './registry';
import { detachedSignatureOf, signatureHolds } from './signed-reading';

/** The identity of a signed reading: SHA-256 (hex) of its JWS signature. */
export function signatureDigest(signature: string): string {
  return createHash('sha256').update(signature).digest('hex');
}

/** The registry as the verifier knows it, and the signatures it has seen in earlier events. */
export interface AttestationContext {
  device(deviceId: string): Promise<DeviceRecord | undefined>;
  seenBefore(signatureDigest: string): Promise<boolean>;
}

type Json = Readonly<Record<string, unknown>>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];

/** Every reading's time in an element: the report's, else the metadata's, else the event's. */
function readingTimes(element: Json, eventTime: unknown): Date[] {
  const metadata = isObject(element['sensorMetadata']) ? element['sensorMetadata'] : {};
  const fallback = metadata['time'] ?? eventTime;
  const reports = list(element['sensorReport']).filter(isObject);
  const times = (reports.length === 0 ? [{}] : reports).map((r: Json) =>
    typeof r['time'] === 'string' ? r['time'] : fallback,
  );
  return times.map((t) => new Date(typeof t === 'string' ? t : NaN));
}

/**
 * What the event says the readings are of: its containers (BIC EPCs and
 * `containerNumber` extensions, as ISO 6346 numbers), its other EPCs and its
 * read point. A device's attachment must be one of them at the reading time.
 */
export function assetsOfEvent(event: Json): Set<string> {
  const assets = new Set<string>();
  const ids = ['parentID', 'epcList', 'childEPCs', 'inputEPCList', 'outputEPCList'];
  for (const id of ids.flatMap((key) => list(event[key]))) {
    if (typeof id !== 'string') continue;
    const bic = /^urn:epc:id:bic:(.+)$/i.exec(id);
    assets.add(bic?.[1] === undefined ? id : normaliseContainerNumber(bic[1]));
  }
  for (const [name, value] of Object.entries(event)) {
    if (name !== 'containerNumber' && !name.endsWith(':containerNumber')) continue;
    for (const number of list(value)) {
      if (typeof number === 'string') assets.add(normaliseContainerNumber(number));
    }
  }
  const readPoint = isObject(event['readPoint']) ? event['readPoint']['id'] : undefined;
  if (typeof readPoint === 'string') assets.add(readPoint);
  return assets;
}

function describeAsset(kind: AttachedAssetKind, asset: string): string {
  return kind === AttachedAssetKind.container && isValidContainerNumber(asset)
    ? `container ${asset}`
    : `${kind.toLowerCase()} ${asset}`;
}

/** The verdict on one sensorElement of `event`. */
export async function attestSensorElement(
  event: Json,
  index: number,
  context: AttestationContext,
): Promise<ReadingAttestation> {
  const element = list(event['sensorElementList'])[index];
  const verdict = (
    v: AttestationVerdict,
    reason: string,
    more: Partial<ReadingAttestation> = {},
  ) => ({
    element: index,
    verdict: v,
    reason,
    ...more,
  });
  if (!isObject(element)) return verdict(AttestationVerdict.unsigned, 'not a sensor element');
  const jws = detachedSignatureOf(element);
  // 1. A signature at all.
  if (jws === undefined)
    return verdict(AttestationVerdict.unsigned, 'the reading carries no device signature');
  if ('problem' in jws) return verdict(AttestationVerdict.badSignature, jws.problem);
  const digest = signatureDigest(jws.signature);
  const metadata = isObject(element['sensorMetadata']) ? element['sensorMetadata'] : {};
  const deviceId = metadata['deviceID'];
  const base = { kid: jws.kid, signatureDigest: digest };
  if (typeof deviceId !== 'string') {
    return verdict(AttestationVerdict.badSignature, 'the signed reading names no deviceID', base);
  }
  // 2. A registered device, and the key the signature names valid at every reading's time.
  const device = await context.device(deviceId);
  const named = { ...base, deviceId, ...(device ? { ownerMspId: device.ownerMspId } : {}) };
  if (device === undefined) {
    return verdict(
      AttestationVerdict.unregisteredKey,
      `device ${deviceId} is not registered`,
      named,
    );
  }
  const times = readingTimes(element, event['eventTime']);
  if (times.some((t) => Number.isNaN(t.getTime()))) {
    return verdict(AttestationVerdict.badSignature, 'a signed reading has no valid time', named);
  }
  const key = keyValidAt(device, jws.kid, times[0] ?? new Date(NaN));
  if (key === undefined || times.some((t) => keyValidAt(device, jws.kid, t) !== key)) {
    return verdict(
      AttestationVerdict.unregisteredKey,
      `key ${jws.kid} was not a registered key of ${deviceId} at the reading's time`,
      named,
    );
  }
  // 3. The signature over what the event holds now: any value altered after signing breaks it.
  if (!(await signatureHolds(element, jws, key.alg, key.jwk))) {
    return verdict(
      AttestationVerdict.badSignature,
      `the signature does not match the reading: altered after signing, or not made by key ${jws.kid}`,
      named,
    );
  }
  // 4. The device's status, and what it was fitted to, at each reading's time.
  for (const at of times) {
    const status = statusAt(device, at);
    if (status === DeviceStatus.revoked || status === DeviceStatus.suspended) {
      return verdict(
        status === DeviceStatus.revoked ? AttestationVerdict.revoked : AttestationVerdict.suspended,
        `${deviceId} was ${status.toLowerCase()} at ${at.toISOString()}`,
        named,
      );
    }
    const attachment = attachmentAt(device, at);
    if (attachment === undefined || !assetsOfEvent(event).has(attachment.asset)) {
      return verdict(
        AttestationVerdict.attachedElsewhere,
        attachment === undefined
          ? `${deviceId} was attached to nothing at ${at.toISOString()}`
          : `${deviceId} was attached to ${describeAsset(attachment.assetKind, attachment.asset)} at ${at.toISOString()}, not to what this event reports`,
        named,
      );
    }
  }
  // 5. The same signed reading once: a copy in a later event is a replay.
  if (await context.seenBefore(digest)) {
    return verdict(
      AttestationVerdict.replayed,
      'this signed reading was already captured in an earlier event',
      named,
    );
  }
  return verdict(
    AttestationVerdict.attested,
    `attested by ${deviceId} of ${device.ownerMspId}`,
    named,
  );
}

/** Verdicts on every sensorElement of the event, in order. */
export async function attestEvent(
  event: Json,
  context: AttestationContext,
): Promise<ReadingAttestation[]> {
  const elements = list(event['sensorElementList']);
  const verdicts: ReadingAttestation[] = [];
  for (let i = 0; i < elements.length; i++)
    verdicts.push(await attestSensorElement(event, i, context));
  return verdicts;
}
