import PDFDocument from 'pdfkit';
import { CustodyReport, custodyReportLines } from './custody-report';

/**
 * The chain-of-custody report as a PDF for a court: the same lines as the
 * text report (one source, so the two never say different things), with the
 * verdict set apart. Deterministic metadata apart from the verification time.
 */
export function renderCustodyPdf(report: CustodyReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: {
      Title: `Chain of custody: ${report.subject}`,
      Author: `${report.verifiedBy.tool} ${report.verifiedBy.version}`,
      CreationDate: new Date(report.verifiedBy.at),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const [title, verdict, ...rest] = custodyReportLines(report);
  doc
    .font('Helvetica-Bold')
    .fontSize(14)
    .text(title ?? '');
  doc
    .moveDown(0.5)
    .fontSize(12)
    .fillColor(report.verified ? '#006400' : '#b00000')
    .text(verdict ?? '');
  doc.fillColor('black').font('Courier').fontSize(7.5).moveDown(0.5);
  for (const line of rest) doc.text(line === '' ? ' ' : line, { lineGap: 1 });
  doc.end();
  return done;
}
