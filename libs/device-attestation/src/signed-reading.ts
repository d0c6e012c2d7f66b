import { canonicalJson } from '@pujiang/standards';
import { flattenedVerify, FlattenedSign, importJWK, type KeyLike } from 'jose';
import type { DeviceAlgorithm, DevicePublicJwk } from '@pujiang/contracts';

/**
 * The signed-reading format (docs/decisions/0016-signed-reading-format.md):
 * a device signs each sensorElement it reports, as a detached JWS (RFC 7515
 * appendix F) over the RFC 8785 canonical JSON of the element without its
 * signature. The compact `header..signature` travels in the element as the
 * user extension below, so any EPCIS consumer still reads the event, and the
 * CBV 2.0 event hash, which covers user extensions, covers the signature.
 */
export const DEVICE_NAMESPACE = 'https://pujiang.example/epcis/';
export const DEVICE_PREFIX = 'pujiang';
export const SIGNATURE_MEMBER = `${DEVICE_PREFIX}:deviceSignature`;
/** The @context entry an EPCIS document with signed readings declares. */
export const DEVICE_CONTEXT = { [DEVICE_PREFIX]: DEVICE_NAMESPACE } as const;

type Element = Readonly<Record<string, unknown>>;

/** What the device signs: the element (deviceID, times and every value) without its signature. */
export function signedContent(element: Element): Uint8Array {
  const unsigned = Object.fromEntries(
    Object.entries(element).filter(([name]) => name !== SIGNATURE_MEMBER),
  );
  return new TextEncoder().encode(canonicalJson(unsigned));
}

/** The element with its signature added, as a device (or the simulator) makes it. */
export async function signSensorElement(
  element: Element,
  key: { privateKey: KeyLike | Uint8Array; kid: string; alg: DeviceAlgorithm },
): Promise<Record<string, unknown>> {
  const jws = await new FlattenedSign(signedContent(element))
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .sign(key.privateKey);
  return { ...element, [SIGNATURE_MEMBER]: `${jws.protected}..${jws.signature}` };
}

export interface DetachedSignature {
  protectedHeader: string;
  signature: string;
  alg: string;
  kid: string;
}

/** The detached JWS of an element, or why it cannot be one (undefined when there is none). */
export function detachedSignatureOf(
  element: Element,
): DetachedSignature | { problem: string } | undefined {
  const compact = element[SIGNATURE_MEMBER];
  if (compact === undefined) return undefined;
  const parts = typeof compact === 'string' ? compact.split('.') : [];
  const [protectedHeader, payload, signature] = parts;
  if (parts.length !== 3 || payload !== '' || !protectedHeader || !signature) {
    return { problem: 'the signature is not a detached compact JWS (header..signature)' };
  }
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(protectedHeader, 'base64url').toString('utf8'));
  } catch {
    return { problem: 'the JWS header is not JSON' };
  }
  const { alg, kid } = (header ?? {}) as { alg?: unknown; kid?: unknown };
  if (typeof alg !== 'string' || typeof kid !== 'string') {
    return { problem: 'the JWS header names no alg and kid' };
  }
  return { protectedHeader, signature, alg, kid };
}

/** Public keys imported once each: importing a JWK costs more than checking a signature. */
const importedKeys = new Map<string, Promise<KeyLike | Uint8Array>>();
const MAX_IMPORTED_KEYS = 10_000;

function publicKeyOf(jwk: DevicePublicJwk, alg: DeviceAlgorithm): Promise<KeyLike | Uint8Array> {
  const id = `${alg}:${JSON.stringify(jwk)}`;
  let key = importedKeys.get(id);
  if (key === undefined) {
    if (importedKeys.size >= MAX_IMPORTED_KEYS) importedKeys.clear();
    key = importJWK(jwk, alg);
    importedKeys.set(id, key);
  }
  return key;
}

/** Whether `jws` is a signature of the element's content by `jwk` with `alg`. */
export async function signatureHolds(
  element: Element,
  jws: DetachedSignature,
  alg: DeviceAlgorithm,
  jwk: DevicePublicJwk,
): Promise<boolean> {
  if (jws.alg !== alg) return false;
  try {
    await flattenedVerify(
      {
        protected: jws.protectedHeader,
        payload: Buffer.from(signedContent(element)).toString('base64url'),
        signature: jws.signature,
      },
      await publicKeyOf(jwk, alg),
      { algorithms: [alg] },
    );
    return true;
  } catch {
    return false;
  }
}
