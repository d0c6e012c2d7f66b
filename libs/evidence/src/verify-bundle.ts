import { createHash } from 'node:crypto';
import { eventHashDigest, eventHashId, EventHashContext } from '@pujiang/epcis';
import { rootFromProof } from '@pujiang/merkle';
import { checkBundleFormat } from './bundle-schema';
import { producerSignedContent } from './producer-signature';
import { CustodyReport, CustodyStep, EVIDENCE_VERIFIER } from './custody-report';
import {
  AnchoredEventEvidence,
  BundleBlock,
  ClaimViewRecord,
  EvidenceBundle,
  LedgerStateRecord,
} from './evidence-bundle';
import { blockDataHash, blockHeaderHash } from './fabric/block-header';
import { MspTrust, NamedSigner, describe, named } from './fabric/certificates';
import {
  DecodedBlock,
  DecodedTransaction,
  SignedBytes,
  decodeBlock,
  decodeChannelMsps,
  decodeProcessedTransaction,
  decodeTransaction,
} from './fabric/fabric-records';
import { X509Certificate } from 'node:crypto';

const VALID = 0;

/**
 * Checks a bundle with nothing but its own bytes (decision 0039): every
 * signature against certificates chaining to the root CAs of the channel
 * configuration it carries, every hash, and every record against the
 * transaction that wrote it. Never throws on bad input: each failure is a
 * reason in the report.
 */
export function verifyEvidenceBundle(value: unknown, now: Date = new Date()): CustodyReport {
  const report: CustodyReport = {
    verified: false,
    failures: [],
    subject: 'unknown',
    producedBy: 'unknown',
    producedAt: '',
    channel: '',
    verifiedBy: { ...EVIDENCE_VERIFIER, at: now.toISOString() },
    trustAnchors: [],
    steps: [],
    blocks: [],
    records: [],
    anchoredEvents: [],
    omissions: [],
  };
  const format = checkBundleFormat(value);
  if ('reason' in format) {
    report.failures.push(format.reason);
    return report;
  }
  const bundle = format.bundle;
  Object.assign(report, {
    subject: `${bundle.subject.kind} ${bundle.subject.id}`,
    producedBy: `${bundle.producedBy.service} of ${bundle.producedBy.mspId} for ${bundle.producedBy.requestedBy}`,
    producedAt: bundle.producedAt,
    channel: bundle.channel,
    omissions: bundle.omissions,
  });
  new BundleCheck(bundle, report).run();
  report.verified = report.failures.length === 0;
  return report;
}

class BundleCheck {
  private readonly trustByConfig = new Map<string, MspTrust>();
  private readonly blocks = new Map<string, DecodedBlock>();
  private readonly transactions = new Map<string, DecodedTransaction>();

  constructor(
    private readonly bundle: EvidenceBundle,
    private readonly report: CustodyReport,
  ) {}

  run(): void {
    for (const config of this.bundle.configBlocks) this.configBlock(config);
    this.producerSignature();
    for (const block of this.bundle.blocks) this.block(block);
    this.hashChain();
    for (const tx of this.bundle.transactions)
      this.transaction(tx.txId, tx.blockNumber, tx.processedTransaction);
    for (const record of this.bundle.records) {
      if (record.kind === 'ledger-state') this.ledgerState(record);
      else this.claimView(record);
    }
    for (const event of this.bundle.anchoredEvents) this.anchoredEvent(event);
  }

  private fail(reason: string): void {
    this.report.failures.push(reason);
  }

  private decode<T>(what: string, run: () => T): T | undefined {
    try {
      return run();
    } catch (error) {
      this.fail(
        `${what} cannot be decoded (${error instanceof Error ? error.message : String(error)})`,
      );
      return undefined;
    }
  }

  private configBlock({ number, block }: BundleBlock): void {
    const decoded = this.decode(`configuration block ${number}`, () => {
      const parsed = decodeBlock(Buffer.from(block, 'base64'));
      const [envelope] = parsed.envelopes;
      if (envelope === undefined) throw new Error('it holds no configuration');
      return { parsed, msps: decodeChannelMsps(envelope) };
    });
    if (decoded === undefined) return;
    const { parsed, msps } = decoded;
    if (parsed.number.toString() !== number) {
      this.fail(`configuration block ${number} is block ${parsed.number} inside`);
      return;
    }
    if (parsed.lastConfig !== parsed.number) {
      this.fail(
        `block ${number} is not a configuration block (its LAST_CONFIG is ${parsed.lastConfig})`,
      );
      return;
    }
    if (msps.length === 0) {
      this.fail(`configuration block ${number} names no MSP`);
      return;
    }
    const trust = new MspTrust(msps);
    this.trustByConfig.set(number, trust);
    for (const msp of msps) {
      for (const pem of msp.rootCerts) {
        const anchor = this.decode(`a root CA of ${msp.mspId}`, () =>
          named(msp.mspId, new X509Certificate(pem)),
        );
        if (anchor !== undefined)
          this.report.trustAnchors.push({ ...anchor, role: msp.role, configBlock: number });
      }
    }
    this.checkBlock(number, parsed);
  }

  /** The producer's signature, by an identity of the organisation it names, over everything else. */
  private producerSignature(): void {
    const { producerSignature: signature, producedBy } = this.bundle;
    if (signature.mspId !== producedBy.mspId) {
      this.fail(
        `the bundle is signed by ${signature.mspId}, not by its producer ${producedBy.mspId}`,
      );
      return;
    }
    const latest = [...this.trustByConfig.entries()].sort(([a], [b]) =>
      BigInt(a) < BigInt(b) ? 1 : -1,
    )[0];
    if (latest === undefined) return; // no configuration: already failed
    const signer = this.signature(
      "the producer's signature",
      latest[1],
      {
        signer: { mspId: signature.mspId, certificatePem: signature.certificate },
        signed: producerSignedContent(this.bundle),
        signature: Buffer.from(signature.signature, 'base64'),
      },
      'application',
      new Date(this.bundle.producedAt),
    );
    if (signer !== undefined) this.report.producerSigner = signer;
  }

  private block({ number, block }: BundleBlock): void {
    const parsed = this.decode(`block ${number}`, () => decodeBlock(Buffer.from(block, 'base64')));
    if (parsed === undefined) return;
    if (parsed.number.toString() !== number) {
      this.fail(`block ${number} is block ${parsed.number} inside`);
      return;
    }
    this.checkBlock(number, parsed);
  }

  /** Data hash, and at least one orderer signature under the configuration the block names. */
  private checkBlock(number: string, parsed: DecodedBlock): void {
    this.blocks.set(number, parsed);
    if (!blockDataHash(parsed.envelopes).equals(parsed.dataHash)) {
      this.fail(`block ${number}: its data hash does not match its transactions`);
    }
    const trust = this.trustByConfig.get(parsed.lastConfig.toString());
    if (trust === undefined) {
      this.fail(
        `block ${number}: its configuration block ${parsed.lastConfig} is not in the bundle`,
      );
      return;
    }
    const signedBy: NamedSigner[] = [];
    for (const signature of parsed.signatures) {
      const checked = this.signature(
        `block ${number}: orderer signature`,
        trust,
        signature,
        'orderer',
      );
      if (checked !== undefined) signedBy.push(checked);
    }
    // The genesis block is made offline (configtxgen) and never signed: it is
    // the trust anchor itself, whose root CAs the report lists for comparison.
    const genesis = parsed.number === 0n && parsed.lastConfig === 0n;
    if (parsed.signatures.length === 0 && !genesis) {
      this.fail(
        `block ${number}: no orderer signature this verifier can read (${parsed.unreadableSignatures} in another form)`,
      );
    }
    this.report.blocks.push({ number, signedBy, lastConfig: parsed.lastConfig.toString() });
  }

  private signature(
    what: string,
    trust: MspTrust,
    signed: SignedBytes,
    role: 'orderer' | 'application',
    at?: Date,
  ): NamedSigner | undefined {
    const checked = trust.check(signed, at);
    if ('reason' in checked) {
      this.fail(`${what}: ${checked.reason}`);
      return undefined;
    }
    if (trust.roleOf(checked.signer.mspId) !== role) {
      this.fail(
        `${what}: ${describe(checked.signer)} is not an ${role} organisation of the channel`,
      );
      return undefined;
    }
    return checked.signer;
  }

  /** Where blocks follow each other, each names the previous one's header hash. */
  private hashChain(): void {
    const numbers = [...this.blocks.keys()].map(BigInt);
    for (const n of numbers) {
      const previous = this.blocks.get((n - 1n).toString());
      const current = this.blocks.get(n.toString());
      if (previous === undefined || current === undefined) continue;
      const hash = blockHeaderHash(previous.number, previous.previousHash, previous.dataHash);
      if (!hash.equals(current.previousHash)) {
        this.fail(
          `block ${n}: its previous-block hash is not the hash of block ${n - 1n}'s header`,
        );
      }
    }
  }

  private transaction(txId: string, blockNumber: string, processed: string): void {
    const found = this.decode(`transaction ${txId}`, () => {
      const { envelope, validationCode } = decodeProcessedTransaction(
        Buffer.from(processed, 'base64'),
      );
      return { envelope, validationCode, tx: decodeTransaction(envelope) };
    });
    if (found === undefined) return;
    const { envelope, validationCode, tx } = found;
    if (tx.txId !== txId) {
      this.fail(`transaction ${txId}: the envelope is transaction ${tx.txId}`);
      return;
    }
    const block = this.blocks.get(blockNumber);
    if (block === undefined) {
      this.fail(`transaction ${txId}: its block ${blockNumber} is not in the bundle`);
      return;
    }
    const index = block.envelopes.findIndex((e) => e.equals(envelope));
    if (index < 0) {
      this.fail(`transaction ${txId} is not in block ${blockNumber}`);
      return;
    }
    if (block.validationCodes[index] !== VALID || validationCode !== VALID) {
      this.fail(`transaction ${txId} is not marked valid in block ${blockNumber}`);
      return;
    }
    const trust = this.trustByConfig.get(block.lastConfig.toString());
    if (trust === undefined) return; // already failed on the block
    // Signed when the client stamped the proposal: the certificates must have been valid then.
    const at = tx.timestamp === '' ? undefined : new Date(tx.timestamp);
    const creator = this.signature(
      `transaction ${txId}: creator signature`,
      trust,
      tx.creator,
      'application',
      at,
    );
    const endorsers = tx.endorsements.flatMap((e) => {
      const signer = this.signature(
        `transaction ${txId}: endorsement`,
        trust,
        e,
        'application',
        at,
      );
      return signer === undefined ? [] : [signer];
    });
    if (tx.endorsements.length === 0) this.fail(`transaction ${txId} carries no endorsement`);
    this.transactions.set(txId, tx);
    const step: CustodyStep = {
      txId,
      block: blockNumber,
      time: tx.timestamp,
      chaincode: tx.chaincode,
      functionName: tx.functionName,
      endorsers,
      ...(creator === undefined ? {} : { creator }),
    };
    this.report.steps.push(step);
  }

  private ledgerState(record: LedgerStateRecord): void {
    const tx = this.transactions.get(record.txId);
    if (tx === undefined) {
      this.fail(
        `record "${record.description}": its transaction ${record.txId} is not verified in the bundle`,
      );
      return;
    }
    const write = tx.writes.find((w) => w.namespace === record.namespace && w.key === record.key);
    if (write === undefined) {
      this.fail(`record "${record.description}": transaction ${record.txId} wrote no such key`);
      return;
    }
    const recordHash = sha256Hex(Buffer.from(record.value, 'utf8'));
    if (recordHash !== record.sha256) {
      this.fail(`record "${record.description}": its content does not hash to its sha256`);
      return;
    }
    if (sha256Hex(write.value) !== recordHash) {
      this.fail(
        `record "${record.description}": it differs from what transaction ${record.txId} wrote`,
      );
      return;
    }
    this.report.records.push({
      description: record.description,
      sha256: recordHash,
      txId: record.txId,
    });
  }

  /**
   * A claim as its party reads it holds private parts the ledger keeps only
   * as a salted hash; what the ledger shows publicly (the stub with its trail
   * of steps) must say the same, and every step's transaction must be verified.
   */
  private claimView(record: ClaimViewRecord): void {
    const what = `record "${record.description}"`;
    const stubs = this.bundle.records.filter(
      (r): r is LedgerStateRecord =>
        r.kind === 'ledger-state' && parseJson(r.value)?.claimId === record.claimId,
    );
    const stub = stubs
      .map((s) => parseJson(s.value))
      .find((s) => s?.lastTxId === record.content.lastTxId);
    if (stub === undefined) {
      this.fail(`${what}: no ledger record of claim ${record.claimId} at its last transaction`);
      return;
    }
    for (const field of [
      'claimId',
      'policyId',
      'insurerMsp',
      'status',
      'notifiedAt',
      'updatedAt',
    ]) {
      if (stub[field] !== record.content[field]) {
        this.fail(`${what}: its ${field} is not the ledger's`);
      }
    }
    const history = Array.isArray(record.content.history)
      ? (record.content.history as Record<string, unknown>[])
      : [];
    const trail = Array.isArray(stub.trail) ? (stub.trail as Record<string, unknown>[]) : [];
    if (history.length !== trail.length) {
      this.fail(`${what}: it has ${history.length} steps, the ledger ${trail.length}`);
    }
    history.forEach((entry, i) => {
      const onLedger = trail[i];
      for (const field of ['action', 'from', 'to', 'txId', 'at']) {
        if (onLedger?.[field] !== entry[field])
          this.fail(`${what}: step ${i + 1}'s ${field} is not the ledger's`);
      }
      if (typeof entry.txId !== 'string' || !this.transactions.has(entry.txId)) {
        this.fail(`${what}: step ${i + 1}'s transaction is not verified in the bundle`);
      }
    });
    this.report.records.push({
      description: `${record.description} (its steps and public fields checked against the ledger; its private details as the producer signed them)`,
      sha256: sha256Hex(Buffer.from(JSON.stringify(record.content), 'utf8')),
      txId: String(record.content.lastTxId),
    });
  }

  private anchoredEvent(event: AnchoredEventEvidence): void {
    const what = `event ${event.eventID}`;
    let recomputed: string;
    try {
      recomputed = eventHashId(event.event, context(event.context));
    } catch (error) {
      this.fail(
        `${what}: cannot be hashed (${error instanceof Error ? error.message : String(error)})`,
      );
      return;
    }
    if (recomputed !== event.eventHash) {
      this.fail(`${what}: the event does not hash to its event hash`);
      return;
    }
    const { anchor } = event;
    if (rootFromProof(eventHashDigest(event.eventHash), anchor.proof) !== anchor.merkleRoot) {
      this.fail(`${what}: its Merkle proof does not lead to root ${anchor.merkleRoot}`);
      return;
    }
    const tx = this.transactions.get(anchor.txId);
    if (tx === undefined) {
      this.fail(`${what}: its anchoring transaction ${anchor.txId} is not verified in the bundle`);
      return;
    }
    const anchored = tx.writes.some((w) => {
      const batch = parseJson(w.value.toString('utf8'));
      return (
        batch?.batchId === anchor.batchId &&
        batch.merkleRoot === anchor.merkleRoot &&
        batch.submitterMspId === anchor.submitterMspId
      );
    });
    if (!anchored) {
      this.fail(
        `${what}: transaction ${anchor.txId} did not anchor root ${anchor.merkleRoot} as batch ${anchor.batchId}`,
      );
      return;
    }
    if (tx.creator.signer.mspId !== anchor.submitterMspId) {
      this.fail(
        `${what}: batch ${anchor.batchId} was submitted by ${tx.creator.signer.mspId}, not ${anchor.submitterMspId}`,
      );
      return;
    }
    this.report.anchoredEvents.push({
      eventID: event.eventID,
      eventHash: event.eventHash,
      batchId: anchor.batchId,
      anchoredBy: anchor.submitterMspId,
      txId: anchor.txId,
    });
  }
}

function context(raw: unknown): EventHashContext | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  return raw;
}

function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
