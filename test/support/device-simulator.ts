import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../tools/cli/src/main';
import { serviceEnv } from './stack-env';

/** A temporary folder for device keys, as a device's own storage. */
export function keyFolder(): string {
  return mkdtempSync(join(tmpdir(), 'pujiang-device-'));
}

/**
 * Runs `npx pujiang …` in this process with extra environment, and returns
 * what it printed; a non-zero exit fails the test with its error output.
 */
export async function pujiang(args: string[], env: Record<string, string> = {}): Promise<string> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
    if (code !== 0) throw new Error(`pujiang ${args.join(' ')} exited ${code}: ${err.join('\n')}`);
    return out.join('\n');
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** The ledger environment of an organisation's platform operator: who registers its devices. */
export function platformOperatorEnv(org: 1 | 2): Record<string, string> {
  return serviceEnv('ebl', 0, org);
}
