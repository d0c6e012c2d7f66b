import { generateKeyPairSync, createSecretKey } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { AuthConfig } from './auth.config';
import { issueToken } from './token-issuer';
import { TokenVerifier } from './token-verifier';

const idp = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const dir = mkdtempSync(join(tmpdir(), 'auth-'));
const publicKeyFile = join(dir, 'idp.pem');
writeFileSync(publicKeyFile, idp.publicKey.export({ type: 'spki', format: 'pem' }));

const config: AuthConfig = {
  AUTH_JWT_ISSUER: 'https://idp.pujiang.test',
  AUTH_JWT_AUDIENCE: 'pujiang',
  AUTH_JWT_PUBLIC_KEY_FILE: publicKeyFile,
};
const shipper = { party: 'shipper', organisation: 'Org1MSP', roles: ['shipper'] };
const token = (overrides: Partial<Parameters<typeof issueToken>[1]> = {}, key = idp.privateKey) =>
  issueToken(key, {
    ...shipper,
    issuer: config.AUTH_JWT_ISSUER,
    audience: config.AUTH_JWT_AUDIENCE,
    ttl: 60,
    ...overrides,
  });

describe('TokenVerifier', () => {
  const verifier = new TokenVerifier(config);

  it('reads the principal from a token the identity provider signed', async () => {
    await expect(verifier.verify(await token())).resolves.toEqual(shipper);
  });

  it.each([
    ['another key', () => token({}, stranger.privateKey)],
    ['another issuer', () => token({ issuer: 'https://evil.test' })],
    ['another audience', () => token({ audience: 'someone-else' })],
    ['an expired token', () => token({ ttl: -10 })],
    [
      'a token without roles',
      () =>
        new SignJWT({ org: 'Org1MSP' })
          .setProtectedHeader({ alg: 'ES256' })
          .setSubject('shipper')
          .setIssuer(config.AUTH_JWT_ISSUER)
          .setAudience(config.AUTH_JWT_AUDIENCE)
          .setExpirationTime('1m')
          .sign(idp.privateKey),
    ],
    [
      'a shared-secret signature made with the public key (algorithm confusion)',
      () =>
        new SignJWT({ org: 'Org1MSP', roles: ['carrier'] })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('carrier')
          .setIssuer(config.AUTH_JWT_ISSUER)
          .setAudience(config.AUTH_JWT_AUDIENCE)
          .setExpirationTime('1m')
          .sign(createSecretKey(idp.publicKey.export({ type: 'spki', format: 'der' }))),
    ],
    [
      'an unsigned token (alg none)',
      async () => {
        const [, payload] = (await token()).split('.');
        const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
        return `${header}.${payload}.`;
      },
    ],
    ['garbage', () => Promise.resolve('not.a.token')],
  ])('refuses %s', async (_, make) => {
    await expect(verifier.verify(await make())).rejects.toThrow(/bearer token/);
  });

  it('stops at construction when the key file is missing', () => {
    expect(
      () => new TokenVerifier({ ...config, AUTH_JWT_PUBLIC_KEY_FILE: join(dir, 'absent.pem') }),
    ).toThrow();
  });

  it('remembers a verified token only until it expires', async () => {
    const fresh = new TokenVerifier(config);
    const shortLived = await token({ ttl: 2 });
    const issuedAt = Date.now();
    await expect(fresh.verify(shortLived, issuedAt)).resolves.toEqual(shipper);
    await expect(fresh.verify(shortLived, issuedAt + 1000)).resolves.toEqual(shipper);
    // Past its expiry the remembered answer is dropped and jose refuses the token.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await expect(fresh.verify(shortLived)).rejects.toThrow('ERR_JWT_EXPIRED');
  });

  it('remembers nothing of a refused token', async () => {
    const fresh = new TokenVerifier(config);
    const forged = await token({}, stranger.privateKey);
    await expect(fresh.verify(forged)).rejects.toThrow('bearer token refused');
    await expect(fresh.verify(forged)).rejects.toThrow('bearer token refused');
  });
});
