import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { issueToken } from '@pujiang/auth';
import { UsageError, type Command } from './command';

const OPTIONS = ['--party', '--org', '--roles', '--ttl'] as const;

/**
 * `pujiang token --party ID --org MSP --roles a,b [--ttl SECONDS]`: a bearer
 * token from the local identity provider (the key `npm run stack:up` made),
 * for trying the APIs by hand. Production tokens come from the consortium's
 * OIDC server; this command refuses to run without the local key.
 */
export const tokenCommand: Command = {
  words: ['token'],
  usage: 'token --party ID --org MSP --roles a,b [--ttl S]   a local bearer token (dev stack)',
  async run(args, io) {
    const options = parseOptions(args);
    const keyFile = process.env.AUTH_JWT_PRIVATE_KEY_FILE;
    const issuer = process.env.AUTH_JWT_ISSUER;
    const audience = process.env.AUTH_JWT_AUDIENCE;
    if (!keyFile || !issuer || !audience) {
      throw new Error(
        'AUTH_JWT_PRIVATE_KEY_FILE, AUTH_JWT_ISSUER and AUTH_JWT_AUDIENCE must be set (source .stack/env)',
      );
    }
    const key = createPrivateKey(await readFile(keyFile));
    io.out(
      await issueToken(key, {
        party: options.party,
        organisation: options.org,
        roles: options.roles.split(',').filter((r) => r.length > 0),
        issuer,
        audience,
        ttl: Number(options.ttl ?? '3600'),
      }),
    );
    return 0;
  },
};

function parseOptions(args: readonly string[]): {
  party: string;
  org: string;
  roles: string;
  ttl?: string;
} {
  const found = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i];
    const value = args[i + 1];
    if (!OPTIONS.includes(name as (typeof OPTIONS)[number]) || value === undefined) {
      throw new UsageError(`unexpected argument ${name ?? ''}`);
    }
    found.set(name, value);
  }
  const party = found.get('--party');
  const org = found.get('--org');
  const roles = found.get('--roles');
  if (party === undefined || org === undefined || roles === undefined) {
    throw new UsageError('--party, --org and --roles are required');
  }
  const ttl = found.get('--ttl');
  if (ttl !== undefined && !/^[1-9][0-9]{0,5}$/.test(ttl))
    throw new UsageError('--ttl must be seconds');
  return { party, org, roles, ...(ttl === undefined ? {} : { ttl }) };
}
