import { writeFile } from 'node:fs/promises';
import { custodyReportLines, renderCustodyPdf, verifyEvidenceBundle } from '@pujiang/evidence';
import { UsageError, type Command } from './command';
import { readJsonFile } from './json-file';

/**
 * `pujiang evidence verify FILE [--pdf OUT]`: checks an evidence bundle from
 * `POST /evidence-bundles` with no network (docs/decisions/0039), prints its
 * chain-of-custody report, and exits 1 naming every reason when a check fails.
 * `--pdf` writes the same report as a PDF, whatever the verdict.
 */
export const evidenceCommand: Command = {
  words: ['evidence', 'verify'],
  usage:
    'evidence verify FILE [--pdf OUT]   check an evidence bundle offline; print its custody report',
  async run(args, io) {
    const pdfAt = args.indexOf('--pdf');
    const pdf = pdfAt < 0 ? undefined : args[pdfAt + 1];
    const rest = pdfAt < 0 ? args : args.filter((_, i) => i !== pdfAt && i !== pdfAt + 1);
    if (rest.length !== 1 || rest[0]?.startsWith('--') || (pdfAt >= 0 && pdf === undefined)) {
      throw new UsageError('give exactly one FILE, and optionally --pdf OUT');
    }
    const report = verifyEvidenceBundle(await readJsonFile(rest[0] ?? ''));
    for (const line of custodyReportLines(report)) io.out(line);
    if (pdf !== undefined) {
      await writeFile(pdf, await renderCustodyPdf(report));
      io.out(`report written to ${pdf}`);
    }
    if (!report.verified) {
      io.err(`not verified: ${report.failures.join('; ')}`);
      return 1;
    }
    return 0;
  },
};
