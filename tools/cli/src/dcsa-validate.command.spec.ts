import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './main';

const ROOT = join(__dirname, '../../..');
const MESSAGES = join(ROOT, 'test/fixtures/dcsa/messages');
const message = (name: string): string => join(MESSAGES, name);

async function run(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('pujiang dcsa validate', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pujiang-dcsa-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A copy of a DCSA sample with `change` applied, written where the command can read it. */
  function changed(name: string, change: (doc: Record<string, unknown>) => void): string {
    const doc = JSON.parse(readFileSync(message(name), 'utf8')) as Record<string, unknown>;
    change(doc);
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(doc));
    return file;
  }

  it.each([
    'ebl-api-3.0.0-request.json',
    'ebl-api-3.0.0-straight-bl.json',
    'ebl-api-3.0.0-negotiable-bl.json',
  ])('says %s is valid shipping instructions and exits 0', async (name) => {
    const { code, out, err } = await run('dcsa', 'validate', message(name));
    expect({ code, out, err }).toEqual({
      code: 0,
      out: [`${message(name)}: valid shippingInstructions`],
      err: [],
    });
  });

  it('prints one line per violation, JSON path first, and exits 1', async () => {
    const { code, out, err } = await run(
      'dcsa',
      'validate',
      message('eblissuance-v3.0.0-request.json'),
    );
    expect(code).toBe(1);
    expect(out).toEqual([
      '$.issuanceManifestSignedContent: is required',
      '$.document.transportDocumentReference: must NOT have more than 20 characters',
      '$.issueTo.sendToPlatform: must NOT have more than 4 characters',
    ]);
    expect(err).toEqual([
      `${message('eblissuance-v3.0.0-request.json')}: not a valid issuanceRequest (3 violations)`,
    ]);
  });

  it('names a field deep inside an array', async () => {
    const file = changed('ebl-api-3.0.0-straight-bl.json', (doc) => {
      const items = doc.consignmentItems as { cargoItems: { cargoGrossWeight: unknown }[] }[];
      items[0].cargoItems[0].cargoGrossWeight = { value: 12000, unit: 'TON' };
    });
    const { code, out } = await run('dcsa', 'validate', file);
    expect(code).toBe(1);
    expect(out).toEqual([
      '$.consignmentItems[0].cargoItems[0].cargoGrossWeight.unit: must be one of "KGM", "LBR"',
    ]);
  });

  it('checks the kind given with --kind instead of the one the shape suggests', async () => {
    const file = message('ebl-api-3.0.0-request.json');
    for (const args of [
      ['--kind', 'transportDocument', file],
      [file, '--kind=transportDocument'],
    ]) {
      const { code, out, err } = await run('dcsa', 'validate', ...args);
      expect(code).toBe(1);
      expect(out).toContain('$.transportDocumentReference: is required');
      expect(err[0]).toContain('not a valid transportDocument');
    }
  });

  it.each([
    [['dcsa', 'validate', join(ROOT, 'no-such-file.json')], 1, 'cannot read'],
    [['dcsa', 'validate', message('eblsurrender-api-v3.0.0-request.json')], 1, 'is not JSON'],
    [['dcsa', 'validate', join(ROOT, 'package.json')], 1, 'not a DCSA message this library knows'],
    [['dcsa', 'validate'], 2, 'exactly one FILE'],
    [['dcsa', 'validate', 'a.json', 'b.json'], 2, 'exactly one FILE'],
    [['dcsa', 'validate', 'a.json', '--strict'], 2, 'unknown option --strict'],
    [['dcsa', 'validate', 'a.json', '--kind'], 2, '--kind needs a kind'],
    [['dcsa', 'validate', 'a.json', '--kind', 'bill'], 2, 'unknown kind bill; one of'],
  ])('refuses %j with exit %i and one line', async (argv, exitCode, text) => {
    const { code, out, err } = await run(...argv);
    expect(code).toBe(exitCode);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain(text);
  });

  it('is listed by --help', async () => {
    const { out } = await run('--help');
    expect(out.join('\n')).toContain('pujiang dcsa validate FILE [--kind K]');
  });

  it('runs through the bin/pujiang.js launcher', () => {
    const file = message('ebl-api-3.0.0-negotiable-bl.json');
    const result = spawnSync(
      process.execPath,
      [join(ROOT, 'bin/pujiang.js'), 'dcsa', 'validate', file],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${file}: valid shippingInstructions\n`);
  });
});
