import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Principal, issueToken } from '@pujiang/auth';
import { stackEnv } from './stack-env';

/**
 * A bearer token from the stack's local identity provider (the key
 * `npm run stack:up` made), as `npx pujiang token` issues one: what every
 * test, fuzz run and benchmark presents, like any client.
 */
export function stackToken(principal: Principal, ttlSeconds = 3600): Promise<string> {
  const env = stackEnv();
  const key = createPrivateKey(readFileSync(env.AUTH_JWT_PRIVATE_KEY_FILE ?? ''));
  return issueToken(key, {
    ...principal,
    issuer: env.AUTH_JWT_ISSUER ?? '',
    audience: env.AUTH_JWT_AUDIENCE ?? '',
    ttl: ttlSeconds,
  });
}

/** Org1's packer, who captures, queries and traces its own supply chain. */
export const ORG1_PACKER: Principal = {
  organisation: 'Org1MSP',
  party: 'packer',
  roles: ['trace:capture', 'trace:query', 'trace:trace', 'trace:share'],
};

/** `Authorization` header of a token for the principal. */
export async function bearer(
  principal: Principal = ORG1_PACKER,
): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await stackToken(principal)}` };
}
