import { NamedSigner } from './fabric/certificates';

export const EVIDENCE_VERIFIER = {
  tool: 'pujiang evidence verify (@pujiang/evidence)',
  version: '1.0.0',
};

/** A transaction as the court reads it: who asked for it, who vouched for it, when, in which block. */
export interface CustodyStep {
  txId: string;
  block: string;
  time: string;
  chaincode: string;
  functionName: string;
  creator?: NamedSigner;
  endorsers: NamedSigner[];
}

/** What a verification found: who did what when, what it trusted, and every failure with its reason. */
export interface CustodyReport {
  verified: boolean;
  failures: string[];
  subject: string;
  producedBy: string;
  /** Who signed the bundle's content, checked against the channel's root CAs. */
  producerSigner?: NamedSigner;
  producedAt: string;
  channel: string;
  verifiedBy: { tool: string; version: string; at: string };
  /** The root CAs everything was checked against: compare their fingerprints with the consortium's. */
  trustAnchors: {
    mspId: string;
    role: string;
    subject: string;
    sha256Fingerprint: string;
    configBlock: string;
  }[];
  steps: CustodyStep[];
  blocks: { number: string; signedBy: NamedSigner[]; lastConfig: string }[];
  records: { description: string; sha256: string; txId: string }[];
  anchoredEvents: {
    eventID: string;
    eventHash: string;
    batchId: string;
    anchoredBy: string;
    txId: string;
  }[];
  omissions: { what: string; reason: string }[];
}

/** The report as lines of text; the PDF renders the same sections. */
export function custodyReportLines(report: CustodyReport): string[] {
  const signer = (s: NamedSigner) => `${s.mspId} ${s.subject.replace(/\n/g, ', ')}`;
  const lines = [
    `Evidence bundle for ${report.subject}`,
    `Verdict: ${report.verified ? 'VERIFIED' : 'NOT VERIFIED'}`,
    ...report.failures.map((f) => `  FAILED: ${f}`),
    `Produced by ${report.producedBy} at ${report.producedAt}, channel ${report.channel}`,
    `Signed by ${report.producerSigner === undefined ? 'nobody verified' : signer(report.producerSigner)}`,
    `Verified by ${report.verifiedBy.tool} ${report.verifiedBy.version} at ${report.verifiedBy.at}, offline`,
    '',
    'Trusted root CAs (from the channel configuration):',
    ...report.trustAnchors.map(
      (a) =>
        `  ${a.mspId} (${a.role}, config block ${a.configBlock}) ${a.subject.replace(/\n/g, ', ')} sha256 ${a.sha256Fingerprint}`,
    ),
    '',
    'Chain of custody:',
  ];
  for (const step of report.steps) {
    lines.push(
      `  ${step.time} block ${step.block} tx ${step.txId}`,
      `    ${step.chaincode} ${step.functionName}`,
      `    submitted by ${step.creator === undefined ? 'unknown' : signer(step.creator)}`,
      ...step.endorsers.map((e) => `    endorsed by ${signer(e)}`),
    );
  }
  lines.push('', 'Blocks:');
  for (const block of report.blocks) {
    lines.push(
      block.number === '0'
        ? '  block 0: the genesis block, unsigned by design (the trust anchor above)'
        : `  block ${block.number} (configuration of block ${block.lastConfig}) signed by ${block.signedBy.map(signer).join('; ')}`,
    );
  }
  lines.push('', 'Records:');
  for (const record of report.records) {
    lines.push(`  ${record.description}: sha256 ${record.sha256}, written by tx ${record.txId}`);
  }
  if (report.anchoredEvents.length > 0) lines.push('', 'Anchored traceability events:');
  for (const event of report.anchoredEvents) {
    lines.push(
      `  ${event.eventID}: ${event.eventHash} in batch ${event.batchId} of ${event.anchoredBy}, tx ${event.txId}`,
    );
  }
  if (report.omissions.length > 0) lines.push('', 'Left out by the producer:');
  for (const omission of report.omissions) lines.push(`  ${omission.what}: ${omission.reason}`);
  return lines;
}
