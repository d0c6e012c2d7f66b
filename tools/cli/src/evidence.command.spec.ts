import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './main';

const SAMPLE = join(
  __dirname,
  '..',
  '..',
  '..',
  'test',
  'fixtures',
  'evidence',
  'claim-bundle.json',
);

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('pujiang evidence verify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evidence-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the chain-of-custody report of a sound bundle and renders it as a PDF', async () => {
    const pdf = join(dir, 'report.pdf');
    const { code, out, err } = await run('evidence', 'verify', SAMPLE, '--pdf', pdf);

    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out[1]).toBe('Verdict: VERIFIED');
    expect(out).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Verified by pujiang evidence verify .* 1\.0\.0 at .*, offline$/),
        'Chain of custody:',
        expect.stringMatching(/^ {4}endorsed by Org\dMSP /),
      ]),
    );
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('exits 1 with the reason when a byte of the bundle changed', async () => {
    const bundle = JSON.parse(readFileSync(SAMPLE, 'utf8')) as {
      producedBy: { requestedBy: string };
    };
    bundle.producedBy.requestedBy = 'Org2MSP::someone-else';
    const file = join(dir, 'tampered.json');
    writeFileSync(file, JSON.stringify(bundle));

    const { code, out, err } = await run('evidence', 'verify', file);

    expect(code).toBe(1);
    expect(out[1]).toBe('Verdict: NOT VERIFIED');
    expect(err).toEqual([
      expect.stringMatching(
        /^not verified: the producer's signature: .*signature does not verify$/,
      ),
    ]);
  });

  it('refuses wrong arguments (exit 2) and an unreadable file (exit 1)', async () => {
    expect((await run('evidence', 'verify')).code).toBe(2);
    expect((await run('evidence', 'verify', SAMPLE, '--pdf')).code).toBe(2);
    const missing = await run('evidence', 'verify', join(dir, 'absent.json'));
    expect(missing.code).toBe(1);
    expect(missing.err[0]).toMatch(/cannot read .*absent\.json \(ENOENT\)/);
  });
});
