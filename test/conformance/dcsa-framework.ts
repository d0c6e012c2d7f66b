import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { type KeyObject, createPrivateKey } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/stack-env';
import { sleep } from '../support/sleep';

/** The framework's fixed address: its web UI handler builds sandbox URLs on it. */
export const FRAMEWORK_PORT = 8080;
const WEBUI = `http://localhost:${FRAMEWORK_PORT}/conformance/webui`;

/** The build that scripts/conformance/install-dcsa-conformance.sh cached (it builds it if missing). */
export interface FrameworkBuild {
  dir: string;
  jar: string;
  /** The framework's source file that holds the test keys its synthetic parties sign with. */
  keySource: string;
}

export function frameworkBuild(): FrameworkBuild {
  const script = join(REPO_ROOT, 'scripts', 'conformance', 'install-dcsa-conformance.sh');
  const dir = execFileSync('bash', [script], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
    .trim()
    .split('\n')
    .pop();
  if (dir === undefined || dir === '')
    throw new Error('install-dcsa-conformance.sh printed no build');
  return {
    dir,
    jar: join(dir, 'jar', 'conformance.jar'),
    keySource: join(dir, 'keys', 'PayloadSignerFactory.java'),
  };
}

/**
 * The private keys DCSA's synthetic carrier and platforms sign with: fixed test keys in the
 * framework's source (PayloadSignerFactory). Our directory registers their public halves as
 * it would a real counterpart's; the tests sign bearer tokens with them, as the counterpart
 * would authenticate its own calls.
 */
export function frameworkKeys(build: FrameworkBuild): {
  carrier: KeyObject;
  sender: KeyObject;
  receiver: KeyObject;
} {
  const source = readFileSync(build.keySource, 'utf8');
  const key = (name: string): KeyObject => {
    const found = new RegExp(`${name}\\s*=\\s*"""([\\s\\S]*?)"""`).exec(source)?.[1];
    if (found === undefined) throw new Error(`${name} not found in ${build.keySource}`);
    const pem = found
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .join('\n');
    return createPrivateKey(`${pem}\n`);
  };
  return {
    carrier: key('CTK_CARRIER_PRIVATE_RSA_KEY_PEM'),
    sender: key('CTK_SENDER_PRIVATE_KEY_PEM'),
    receiver: key('CTK_RECEIVER_PRIVATE_KEY_PEM'),
  };
}

/** A running framework, driven by the operations of its web UI (POST /conformance/webui). */
export interface DcsaFramework {
  webui<T = Record<string, unknown>>(
    operation: string,
    fields?: Record<string, unknown>,
  ): Promise<T>;
  stop(): Promise<void>;
}

async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startFramework(
  build: FrameworkBuild,
  logFile: string,
): Promise<DcsaFramework> {
  if (await portInUse(FRAMEWORK_PORT)) {
    throw new Error(`port ${FRAMEWORK_PORT} is in use: the DCSA framework needs it`);
  }
  const javaHome = execFileSync(
    'bash',
    [join(REPO_ROOT, 'scripts', 'conformance', 'java25-home.sh')],
    {
      encoding: 'utf8',
    },
  ).trim();
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn(join(javaHome, 'bin', 'java'), ['-jar', build.jar], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const webui = async <T>(operation: string, fields: Record<string, unknown> = {}): Promise<T> => {
    const response = await fetch(WEBUI, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operation, ...fields }),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`${operation}: HTTP ${response.status} ${text.slice(0, 500)}`);
    return JSON.parse(text) as T;
  };
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
    log.end();
  };
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the framework exited (${child.exitCode}); see ${logFile}`);
    try {
      await webui('getAvailableStandards');
      return { webui, stop };
    } catch (error) {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`the framework did not answer on ${FRAMEWORK_PORT}: ${String(error)}`);
      }
      await sleep(1000);
    }
  }
}
