import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../support/stack-env';

const STACK_DIR = process.env.STACK_DIR ?? join(REPO_ROOT, '.stack');
const FABRIC_DIR = join(STACK_DIR, 'fabric');

/**
 * The environment this test run was started with, taken before any service
 * starts in-process and overwrites PORT, DATABASE_URL and FABRIC_* in
 * process.env. The stack script must see the operator's own settings, e.g.
 * FABRIC_BIN_DIR and FABRIC_CFG_DIR where the Fabric binaries are not built
 * by the stack itself.
 */
const LAUNCH_ENV: NodeJS.ProcessEnv = { ...process.env };

/** The Fabric processes `scripts/stack/fabric/fabric.sh` starts, by the name of their pid file. */
export type FabricNode = 'orderer' | 'peer0.org1' | 'peer0.org2';

/** kill -9: no shutdown hook, no flush; what a power cut or an OOM kill does. Returns the pid. */
export function kill9(node: FabricNode): number {
  const pid = Number(readFileSync(join(FABRIC_DIR, 'pids', `${node}.pid`), 'utf8').trim());
  process.kill(pid, 'SIGKILL');
  return pid;
}

/**
 * `fabric.sh up`, which starts whichever node is not running and waits until
 * the network answers through the gateway again. Run as a child process, not
 * synchronously: the services under test live in this process and must keep
 * capturing and anchoring while the node comes back.
 */
export async function reviveFabric(): Promise<void> {
  const logFile = join(FABRIC_DIR, 'logs', 'fault-revive.log');
  mkdirSync(join(FABRIC_DIR, 'logs'), { recursive: true });
  // Output goes to a file, not a pipe: the nodes started by the script must
  // not hold a pipe of this process open.
  const out = openSync(logFile, 'a');
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(
        'bash',
        [join(REPO_ROOT, 'scripts', 'stack', 'fabric', 'fabric.sh'), 'up'],
        {
          cwd: REPO_ROOT,
          env: LAUNCH_ENV,
          stdio: ['ignore', out, out],
        },
      );
      child.on('error', reject);
      child.on('exit', resolve);
    });
    if (code !== 0) {
      const tail = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-8).join('\n');
      throw new Error(`fabric.sh up exited with ${String(code)}; ${logFile} ends with:\n${tail}`);
    }
  } finally {
    closeSync(out);
  }
}
