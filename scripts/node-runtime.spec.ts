import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// One Node for the whole project (docs/decisions/0027): scripts/node-env.sh pins it and
// puts it first on PATH for every entry point; what else names a Node must agree.
const ROOT = join(__dirname, '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

function pinnedNode(): string {
  const pin = /^PUJIANG_NODE_VERSION=(\d+\.\d+\.\d+)$/m.exec(read('scripts/node-env.sh'));
  if (!pin) throw new Error('scripts/node-env.sh pins no PUJIANG_NODE_VERSION');
  return pin[1];
}

describe('the pinned Node', () => {
  it('runs jest (scripts and CI source scripts/node-env.sh before they start it)', () => {
    expect(process.version).toBe(`v${pinnedNode()}`);
  });

  it('is the base image of every Dockerfile stage', () => {
    const dockerfile = read('Dockerfile');
    expect(/^ARG NODE_IMAGE=(.+)$/m.exec(dockerfile)?.[1]).toBe(
      `node:${pinnedNode()}-bookworm-slim`,
    );
    const bases = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((from) => from[1]);
    expect(bases.filter((base) => base !== 'build')).toEqual(Array(3).fill('${NODE_IMAGE}'));
  });

  it.each(['package.json', 'chaincode/package.json'])(
    'is the major line %s engines admit',
    (manifest) => {
      const engines = (JSON.parse(read(manifest)) as { engines?: { node?: string } }).engines?.node;
      const major = pinnedNode().split('.')[0];
      expect(engines).toMatch(new RegExp(`^\\^${major}\\.\\d+\\.\\d+$`));
    },
  );
});
