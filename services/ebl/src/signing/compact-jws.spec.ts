import { type KeyObject, createHmac, generateKeyPairSync } from 'node:crypto';
import { readUnverifiedJws, signCompactJws, verifyCompactJws } from './compact-jws';
import { jose } from './jose-runtime';
import { JwsSignatureError, MalformedJwsError } from './jws-errors';
import {
  type SignatureAlgorithm,
  type SigningKey,
  type VerificationKey,
  importSigningKey,
  importVerificationKey,
  verificationKeyOf,
} from './signing-keys';

const ALGORITHMS: SignatureAlgorithm[] = ['ES256', 'RS256', 'EdDSA'];
const keys = new Map<SignatureAlgorithm, { signing: SigningKey; verification: VerificationKey }>();
let stranger: SigningKey;

beforeAll(async () => {
  for (const alg of ALGORITHMS) {
    const pair = await jose.generateKeyPair(alg);
    keys.set(alg, {
      signing: await importSigningKey(pair.privateKey),
      verification: await importVerificationKey(pair.publicKey),
    });
  }
  stranger = await importSigningKey((await jose.generateKeyPair('ES256')).privateKey);
});

function keyFor(alg: SignatureAlgorithm) {
  const pair = keys.get(alg);
  if (pair === undefined) throw new Error(`no ${alg} key`);
  return pair;
}

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const pem = (key: KeyObject, type: 'pkcs8' | 'spki') =>
  key.export({ type, format: 'pem' }).toString();
const payloadOf = (jws: string) => jws.split('.')[1] ?? '';

describe('signCompactJws / verifyCompactJws', () => {
  it.each(ALGORITHMS)(
    'round-trips a JSON payload with %s, alg and kid from the key',
    async (alg) => {
      const { signing, verification } = keyFor(alg);
      const jws = await signCompactJws({ b: [1, 2], a: 'x' }, signing);

      const header = readUnverifiedJws(jws).header;
      expect(header).toEqual({ alg, kid: signing.kid });
      expect(signing.kid).toBe(verification.kid);
      const verified = await verifyCompactJws(jws, verification);
      expect(verified.payload).toEqual({ a: 'x', b: [1, 2] });
      expect(verified.verifiedBy).toBe(verification);
    },
  );

  it('signs the canonical form, so key order never changes the signed bytes', async () => {
    const { signing } = keyFor('RS256');
    const one = await signCompactJws({ a: 1, b: 2 }, signing);
    const other = await signCompactJws({ b: 2, a: 1 }, signing);
    expect(payloadOf(one)).toBe(payloadOf(other));
    expect(one).toBe(other); // RS256 (PKCS #1 v1.5) is deterministic
  });

  it('refuses a payload changed after signing as a bad signature', async () => {
    const { signing, verification } = keyFor('ES256');
    const [header, , signature] = (await signCompactJws({ amount: 1 }, signing)).split('.');
    const forged = `${header}.${b64url('{"amount":2}')}.${signature}`;
    await expect(verifyCompactJws(forged, verification)).rejects.toBeInstanceOf(JwsSignatureError);
  });

  it('refuses a signature made by another key of the same algorithm', async () => {
    const jws = await signCompactJws({ a: 1 }, stranger);
    await expect(verifyCompactJws(jws, keyFor('ES256').verification)).rejects.toThrow(
      JwsSignatureError,
    );
  });

  it('accepts a signature from any of the signer’s registered keys (rotation)', async () => {
    const jws = await signCompactJws({ a: 1 }, keyFor('ES256').signing);
    const registered = [verificationKeyOf(stranger), keyFor('ES256').verification];
    await expect(verifyCompactJws(jws, registered)).resolves.toMatchObject({ payload: { a: 1 } });
  });

  it('refuses alg "none", whether or not a signature part is present', async () => {
    const payload = b64url('{"a":1}');
    const unsigned = `${b64url('{"alg":"none"}')}.${payload}.`;
    const { verification } = keyFor('ES256');
    await expect(verifyCompactJws(unsigned, verification)).rejects.toThrow(JwsSignatureError);
    await expect(
      verifyCompactJws(`${b64url('{"alg":"none"}')}.${payload}.AAAA`, verification),
    ).rejects.toThrow(JwsSignatureError);
  });

  it('refuses HS256 keyed with the public key (algorithm confusion)', async () => {
    const { verification } = keyFor('RS256');
    const publicPem = pem(verification.publicKey, 'spki');
    const signingInput = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url('{"a":1}')}`;
    const mac = createHmac('sha256', publicPem).update(signingInput).digest('base64url');
    await expect(verifyCompactJws(`${signingInput}.${mac}`, verification)).rejects.toThrow(
      /alg HS256.*RS256/,
    );
  });

  it('refuses a header naming another asymmetric algorithm than the key’s', async () => {
    const jws = await signCompactJws({ a: 1 }, keyFor('RS256').signing);
    const [, payload, signature] = jws.split('.');
    const relabelled = `${b64url('{"alg":"PS256"}')}.${payload}.${signature}`;
    await expect(verifyCompactJws(relabelled, keyFor('RS256').verification)).rejects.toThrow(
      JwsSignatureError,
    );
  });

  it('verifies an RSA key’s PS256 signature (DCSA’s conformance carrier signs PS256)', async () => {
    const { signing, verification } = keyFor('RS256');
    const jws = await new jose.CompactSign(Buffer.from('{"a":1}'))
      .setProtectedHeader({ alg: 'PS256' })
      .sign(signing.privateKey);
    await expect(verifyCompactJws(jws, verification)).resolves.toMatchObject({ payload: { a: 1 } });
  });

  it('refuses PS256 from an EC key’s signer', async () => {
    const rsa = keyFor('RS256').signing;
    const jws = await new jose.CompactSign(Buffer.from('{"a":1}'))
      .setProtectedHeader({ alg: 'PS256' })
      .sign(rsa.privateKey);
    await expect(verifyCompactJws(jws, keyFor('ES256').verification)).rejects.toThrow(
      /alg PS256.*ES256/,
    );
  });

  it.each([
    ['not a string', 42],
    ['two parts', 'abc.def'],
    ['a header that is not JSON', `${b64url('alg')}.${b64url('{}')}.sig`],
    ['a header without alg', `${b64url('{"kid":"x"}')}.${b64url('{}')}.sig`],
    ['characters outside Base64url', 'a+b.c.d'],
  ])('calls %s malformed, not a bad signature', async (_what, input) => {
    await expect(verifyCompactJws(input, keyFor('ES256').verification)).rejects.toBeInstanceOf(
      MalformedJwsError,
    );
  });

  it('calls a correctly signed payload that is not JSON malformed', async () => {
    const { signing, verification } = keyFor('ES256');
    const jws = await new jose.CompactSign(Buffer.from('not json'))
      .setProtectedHeader({ alg: 'ES256', kid: signing.kid })
      .sign(signing.privateKey);
    await expect(verifyCompactJws(jws, verification)).rejects.toBeInstanceOf(MalformedJwsError);
  });
});

describe('signing keys', () => {
  it('names a key by its RFC 7638 thumbprint (the RFC’s own example)', async () => {
    const rfc7638Key = {
      kty: 'RSA',
      n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
      e: 'AQAB',
      alg: 'RS256',
      kid: '2011-04-29',
    };
    const key = await importVerificationKey(rfc7638Key);
    expect(key.kid).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
    expect(key.alg).toBe('RS256');
  });

  it('imports PEM (PKCS#8 and SPKI) and gives both halves the same kid', async () => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const signing = await importSigningKey(pem(pair.privateKey, 'pkcs8'));
    const verification = await importVerificationKey(pem(pair.publicKey, 'spki'));
    expect(signing.alg).toBe('ES256');
    expect(verification.kid).toBe(signing.kid);
    const jws = await signCompactJws({ ok: true }, signing);
    await expect(verifyCompactJws(jws, verification)).resolves.toMatchObject({
      payload: { ok: true },
    });
  });

  it('refuses keys it will not sign with, and a JWK whose alg contradicts its key', async () => {
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    await expect(importSigningKey(p384.privateKey)).rejects.toThrow(/P-256/);
    const x25519 = generateKeyPairSync('x25519');
    await expect(importVerificationKey(x25519.publicKey)).rejects.toThrow(/x25519/);
    const short = generateKeyPairSync('rsa', { modulusLength: 1024 });
    await expect(importSigningKey(short.privateKey)).rejects.toThrow(/2048/);
    const jwk = keyFor('ES256').verification.publicJwk;
    await expect(importVerificationKey({ ...jwk, alg: 'HS256' })).rejects.toThrow(/alg "HS256"/);
    await expect(importVerificationKey('not a key')).rejects.toThrow(/not a usable public key/);
  });

  it('refuses a private key where a public key is registered', async () => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await expect(importVerificationKey(pem(pair.privateKey, 'pkcs8'))).rejects.toThrow(
      /public key/,
    );
    await expect(importVerificationKey(pair.privateKey)).rejects.toThrow(/public key/);
  });
});
