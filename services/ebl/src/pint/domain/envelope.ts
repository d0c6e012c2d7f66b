import { type Sha256Hex, jsonChecksum, signedContentChecksum } from '@pujiang/dcsa';
import { readIssuanceManifest } from '../../issuance/domain/issuance-manifest';
import { type SigningKey, JwsError, readUnverifiedJws, signCompactJws } from '../../signing';
import { announcedDocuments } from './additional-documents';
import { isPlatformCode, readChainEntry } from './pint-shapes';
import type {
  DocumentMetadata,
  EblEnvelope,
  EblPlatformCode,
  EnvelopeManifest,
  EnvelopeTransferChainEntry,
  SignedContent,
  Transaction,
  TransportDocument,
} from './pint-types';
import { chainTransactionProblem, lastTransaction } from './transaction-rules';

/** Everything needed to send the eBL to another platform. */
export interface EnvelopeTransferInstruction {
  readonly transportDocument: TransportDocument;
  /**
   * The chain entries received with the eBL, as received (the JWS strings), oldest first;
   * empty when the eBL was issued on this platform and leaves it for the first time.
   */
  readonly previousChain: readonly SignedContent[];
  /** The carrier's signed manifest from issuance: required exactly when `previousChain` is empty. */
  readonly issuanceManifestSignedContent?: SignedContent;
  /** The CTR guarding all transfers, if the first platform chose one (first entry only). */
  readonly controlTrackingRegistry?: string;
  /** What happened on this platform since the eBL arrived, ending with the transfer out. */
  readonly transactions: readonly Transaction[];
  readonly eBLVisualisationByCarrier?: DocumentMetadata;
  readonly supportingDocuments?: readonly DocumentMetadata[];
  readonly sendingPlatform: EblPlatformCode;
  readonly signingKey: SigningKey;
}

/** A signed envelope ready to `POST /v3/envelopes`, with what the sender must keep. */
export interface OutgoingEnvelope {
  readonly envelope: EblEnvelope;
  /** The new chain entry, as signed. */
  readonly entry: EnvelopeTransferChainEntry;
  readonly manifest: EnvelopeManifest;
  /** Identifies this transfer in every answer the receiver gives. */
  readonly lastEntryChecksum: Sha256Hex;
  readonly transportDocumentChecksum: Sha256Hex;
  /** The additional documents to `PUT` before finishing the transfer. */
  readonly additionalDocuments: readonly DocumentMetadata[];
}

/** The instruction cannot make a valid envelope; a programming or data error of the sender. */
export class EnvelopeBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvelopeBuildError';
  }
}

/**
 * Builds and signs an outgoing envelope: a new chain entry recording this platform's
 * transactions, linked to the last entry received by the SHA-256 of its JWS string,
 * appended to the chain, and a manifest binding document, chain and additional documents.
 *
 * It refuses (EnvelopeBuildError) to sign what a receiver would have to reject, applying
 * the receiver's own rules: a first entry without the carrier's issuance manifest, an
 * ISSUE out of place, anything after SACC, an actor on another platform, a last
 * transaction not addressed to another platform, a document other than the one in the chain.
 *
 * Payloads are deterministic (canonical JSON; times come from the transactions). ES256
 * signatures are not, so a retry must resend the stored envelope, not a rebuilt one:
 * PINT detects duplicates by the last entry's checksum, which covers the signature.
 */
export async function buildEnvelope(
  instruction: EnvelopeTransferInstruction,
): Promise<OutgoingEnvelope> {
  const entry = chainEntryFor(instruction);
  const entrySignedContent = await signCompactJws(entry, instruction.signingKey);
  const lastEntryChecksum = signedContentChecksum(entrySignedContent);
  const manifest: EnvelopeManifest = {
    transportDocumentChecksum: entry.transportDocumentChecksum,
    lastEnvelopeTransferChainEntrySignedContentChecksum: lastEntryChecksum,
    ...(instruction.eBLVisualisationByCarrier === undefined
      ? {}
      : { eBLVisualisationByCarrier: instruction.eBLVisualisationByCarrier }),
    ...(instruction.supportingDocuments === undefined ||
    instruction.supportingDocuments.length === 0
      ? {}
      : { supportingDocuments: instruction.supportingDocuments }),
  };
  const announced = announcedDocuments(manifest);
  if ('problem' in announced) throw new EnvelopeBuildError(announced.problem);
  return {
    envelope: {
      transportDocument: instruction.transportDocument,
      envelopeManifestSignedContent: await signCompactJws(manifest, instruction.signingKey),
      envelopeTransferChain: [...instruction.previousChain, entrySignedContent],
    },
    entry,
    manifest,
    lastEntryChecksum,
    transportDocumentChecksum: entry.transportDocumentChecksum,
    additionalDocuments: announced.documents,
  };
}

/**
 * The unsigned chain entry for an instruction, after every check `buildEnvelope` makes.
 * Pure; exposed so a caller can show or store what it is about to sign.
 *
 * @throws EnvelopeBuildError
 */
export function chainEntryFor(
  instruction: EnvelopeTransferInstruction,
): EnvelopeTransferChainEntry {
  const { previousChain, sendingPlatform, transactions } = instruction;
  if (!isPlatformCode(sendingPlatform)) {
    fail(`${JSON.stringify(sendingPlatform)} is not an eBL platform code`);
  }
  if (transactions.length === 0) fail('a chain entry needs at least one transaction');
  const transportDocumentChecksum = jsonChecksum(instruction.transportDocument);
  const previousEntries = previousChain.map((signed, i) => storedEntry(signed, i));
  previousEntries.forEach((previous, i) => {
    if (previous.transportDocumentChecksum !== transportDocumentChecksum) {
      fail(`previous chain entry ${i} is for another transport document`);
    }
  });

  const firstEntryFields = firstEntryFieldsFor(instruction, previousEntries.length === 0);
  const last = previousChain.at(-1);
  const entry: EnvelopeTransferChainEntry = {
    eblPlatform: sendingPlatform,
    transportDocumentChecksum,
    ...(last === undefined
      ? {}
      : { previousEnvelopeTransferChainEntrySignedContentChecksum: signedContentChecksum(last) }),
    ...firstEntryFields,
    transactions,
  };

  const chain = [...previousEntries, entry];
  const problem = chainTransactionProblem(chain);
  if (problem !== undefined) fail(problem);
  const recipient = lastTransaction(chain)?.recipient;
  if (recipient === undefined || recipient.eblPlatform === sendingPlatform) {
    fail('the last transaction must be addressed to a party on another platform');
  }
  checkVisualisation(instruction, chain[0] ?? entry, transportDocumentChecksum);
  return entry;
}

function firstEntryFieldsFor(
  instruction: EnvelopeTransferInstruction,
  isFirst: boolean,
): Pick<EnvelopeTransferChainEntry, 'issuanceManifestSignedContent' | 'controlTrackingRegistry'> {
  const { issuanceManifestSignedContent, controlTrackingRegistry } = instruction;
  if (!isFirst) {
    if (issuanceManifestSignedContent !== undefined || controlTrackingRegistry !== undefined) {
      fail(
        'issuanceManifestSignedContent and controlTrackingRegistry belong to the first entry only',
      );
    }
    return {};
  }
  if (issuanceManifestSignedContent === undefined) {
    fail('the first chain entry must carry the carrier’s issuanceManifestSignedContent');
  }
  return {
    issuanceManifestSignedContent,
    ...(controlTrackingRegistry === undefined ? {} : { controlTrackingRegistry }),
  };
}

/**
 * The carrier's visualisation, once issued with the eBL, travels with every transfer,
 * unchanged: the manifest must announce the document the carrier signed a checksum for.
 */
function checkVisualisation(
  instruction: EnvelopeTransferInstruction,
  firstEntry: EnvelopeTransferChainEntry,
  transportDocumentChecksum: Sha256Hex,
): void {
  const signed = firstEntry.issuanceManifestSignedContent;
  if (signed === undefined) fail('the first chain entry has no issuanceManifestSignedContent');
  const issuance = readIssuanceManifest(unverifiedPayload(signed, 'issuanceManifestSignedContent'));
  if (issuance === undefined) fail('issuanceManifestSignedContent is not an IssuanceManifest');
  if (issuance.documentChecksum !== transportDocumentChecksum) {
    fail('the carrier’s issuance manifest is for another transport document');
  }
  const expected = issuance.eBLVisualisationByCarrierChecksum;
  const announced = instruction.eBLVisualisationByCarrier?.documentChecksum;
  if (expected !== announced) {
    fail(
      expected === undefined
        ? 'the carrier issued no visualisation, yet one is announced'
        : 'the carrier’s visualisation must travel with every transfer, unchanged',
    );
  }
}

/** A chain entry this platform received (and verified) earlier, read back from storage. */
function storedEntry(signed: SignedContent, i: number): EnvelopeTransferChainEntry {
  const shape = readChainEntry(
    unverifiedPayload(signed, `previous chain entry ${i}`),
    `entry ${i}`,
  );
  if (!shape.ok) fail(`previous chain entry ${i}: ${shape.problem}`);
  return shape.value;
}

function unverifiedPayload(signed: SignedContent, what: string): unknown {
  try {
    return readUnverifiedJws(signed).payload;
  } catch (error: unknown) {
    if (error instanceof JwsError) fail(`${what}: ${error.message}`);
    throw error;
  }
}

function fail(message: string): never {
  throw new EnvelopeBuildError(message);
}
