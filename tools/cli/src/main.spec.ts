import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { main } from './main';

const ROOT = join(__dirname, '../../..');
const VECTORS = join(ROOT, 'test/fixtures/epcis-event-hash');

async function run(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

const expected = (name: string, ext: string): string[] =>
  readFileSync(join(VECTORS, `${name}.${ext}`), 'utf8')
    .split('\n')
    .filter((l) => l !== '');

describe('pujiang epcis hash', () => {
  const vectors = readdirSync(VECTORS)
    .filter((f) => f.endsWith('.jsonld'))
    .map((f) => f.replace(/\.jsonld$/, ''));

  it.each(vectors)('prints the hashes of %s, one a line, in document order', async (name) => {
    const { code, out } = await run('epcis', 'hash', join(VECTORS, `${name}.jsonld`));
    expect(code).toBe(0);
    expect(out).toEqual(expected(name, 'hashes'));
  });

  it('prints pre-hash strings with --prehash', async () => {
    const { out } = await run(
      'epcis',
      'hash',
      '--prehash',
      join(VECTORS, 'epcisDocWithSingleEvent.jsonld'),
    );
    expect(out).toEqual(expected('epcisDocWithSingleEvent', 'prehashes'));
  });

  it.each([
    [['epcis', 'hash', join(ROOT, 'no-such-file.json')], 1, 'cannot read'],
    [['epcis', 'hash', join(ROOT, 'package.json')], 1, 'not an EPCIS document'],
    [['epcis', 'hash'], 2, 'exactly one FILE'],
    [['epcis', 'hash', 'a', '--fast'], 2, 'unknown option'],
    [['epcis', 'frobnicate'], 2, 'unknown command'],
  ])('refuses %j with exit %i and one line', async (argv, exitCode, message) => {
    const { code, err } = await run(...argv);
    expect(code).toBe(exitCode);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain(message);
  });

  it('runs through the bin/pujiang.js launcher', () => {
    const file = join(VECTORS, 'epcisDocWithVariousEventTypes.jsonld');
    const result = spawnSync(
      process.execPath,
      [join(ROOT, 'bin/pujiang.js'), 'epcis', 'hash', file],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n').filter((l) => l !== '')).toEqual(
      expected('epcisDocWithVariousEventTypes', 'hashes'),
    );
  });
});
