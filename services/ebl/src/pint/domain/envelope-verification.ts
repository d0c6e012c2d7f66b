import { type Sha256Hex, jsonChecksum, signedContentChecksum } from '@pujiang/dcsa';
import { readIssuanceManifest } from '../../issuance/domain/issuance-manifest';
import {
  type VerificationKeys,
  JwsError,
  JwsSignatureError,
  readUnverifiedJws,
  verifyCompactJws,
} from '../../signing';
import { announcedDocuments } from './additional-documents';
import {
  isPlatformCode,
  readChainEntry,
  readEblEnvelope,
  readEnvelopeManifest,
} from './pint-shapes';
import type {
  ActionCode,
  DocumentChecksum,
  DocumentMetadata,
  EblEnvelope,
  EblPlatformCode,
  EnvelopeManifest,
  EnvelopeTransferChainEntry,
  RecipientParty,
  SignedContent,
} from './pint-types';
import { chainTransactionProblem, lastTransaction, transferTimeProblem } from './transaction-rules';

type MaybePromise<T> = T | Promise<T>;

/** What the receiving platform knows, as ports: verification itself does no I/O. */
export interface EnvelopeVerificationContext {
  /** This platform's code: the last transaction must be addressed to a party on it. */
  readonly receivingPlatform: EblPlatformCode;
  /** When the envelope arrived, by our clock, and how old the transfer in it may be by then. */
  readonly receivedAt: Date;
  readonly maxTransferAgeMs: number;
  /** The registered keys of a platform (the sender and every platform earlier in the chain). */
  platformKeys(platform: EblPlatformCode): VerificationKeys | undefined;
  /**
   * The registered keys of the carrier that issued the document (by `carrierCode`), to
   * verify the issuance manifest in the first entry. Without this port the manifest's form
   * and checksums are still checked but its signature is not; a port that knows no key for
   * the carrier means BSIG.
   */
  carrierKeys?(carrierCode: string): VerificationKeys | undefined;
  /** Whether a transfer with this last chain entry checksum was accepted before (DUPE). */
  isAcceptedBefore(lastEntryChecksum: Sha256Hex): MaybePromise<boolean>;
  /**
   * Whether our ledger already imported this very transfer, though it is not marked accepted
   * here (the finish committed on the ledger and failed after): the sender retries it until it
   * hears RECE, so its age must not turn it into a BENV that would make the sender cancel an
   * export we hold. Without this port every transfer is held to the age rule.
   */
  isImportedBefore?(
    transportDocumentReference: string,
    senderPlatform: EblPlatformCode,
    lastEntryChecksum: Sha256Hex,
  ): MaybePromise<boolean>;
  /** Whether the party the envelope is addressed to is one of ours, able to receive eBLs. */
  isKnownRecipient(party: RecipientParty): MaybePromise<boolean>;
  /**
   * The chain entry checksums this platform has seen for the document (received or sent). An
   * incoming chain lacking one of them forks the history: DISE, a risk of double spending.
   */
  knownChainEntryChecksums?(
    transportDocumentChecksum: Sha256Hex,
  ): MaybePromise<readonly Sha256Hex[]>;
  /** Whether an additional document is already held here (from an earlier transfer). */
  hasAdditionalDocument?(documentChecksum: DocumentChecksum): MaybePromise<boolean>;
}

/** An envelope accepted for transfer: what the receiver stores and then waits for. */
export interface AcceptedEnvelope {
  readonly accepted: true;
  readonly envelope: EblEnvelope;
  readonly manifest: EnvelopeManifest;
  /** The verified chain, oldest first, parallel to `envelope.envelopeTransferChain`. */
  readonly entries: readonly EnvelopeTransferChainEntry[];
  readonly lastEntryChecksum: Sha256Hex;
  readonly transportDocumentChecksum: Sha256Hex;
  readonly senderPlatform: EblPlatformCode;
  /** Every additional document announced, and those of them not held yet. */
  readonly announcedDocuments: readonly DocumentMetadata[];
  readonly missingDocuments: readonly DocumentChecksum[];
  /** The party on this platform the eBL is for (the last transaction's recipient). */
  readonly recipient: RecipientParty;
  /** The action codes of the sender's entry, in order (what the transfer does). */
  readonly actionCodes: readonly ActionCode[];
}

/** Why an envelope is refused, in PINT's words, with what its signed answer needs. */
export interface RefusedEnvelope {
  readonly accepted: false;
  readonly responseCode: 'BSIG' | 'BENV' | 'DUPE' | 'DISE';
  readonly reason: string;
  /**
   * SHA-256 of the last chain entry as received, required in the signed answer; absent only
   * when the envelope has no readable chain at all (then answer with an unsigned 400).
   */
  readonly lastEntryChecksum?: Sha256Hex;
  /** DUPE only: the last entry of the transfer accepted before. */
  readonly duplicateOfAcceptedEnvelopeTransferChainEntrySignedContent?: SignedContent;
}

export type EnvelopeVerification = AcceptedEnvelope | RefusedEnvelope;

/**
 * Why the platform that posts an envelope may not, or undefined when it is the envelope's
 * sender: the platform that signed the last chain entry. Checked before `verifyEnvelope`,
 * since a platform that is not the sender is owed no verdict on the transfer (HTTP 403,
 * unsigned). The entry is read without its signature here, so its claim can only refuse;
 * `verifyEnvelope` then verifies the entry under the claimed platform's key, so an
 * envelope that passes both was signed by the caller. A body without a readable last entry
 * passes here and is refused as BENV by `verifyEnvelope`.
 */
export function postedByAnother(
  input: unknown,
  callingPlatform: EblPlatformCode,
): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const chain = (input as { envelopeTransferChain?: unknown }).envelopeTransferChain;
  const last: unknown = Array.isArray(chain) ? chain.at(-1) : undefined;
  const sender = typeof last === 'string' ? claimedPlatform(unverifiedPayloadOf(last)) : undefined;
  return sender === undefined || sender === callingPlatform
    ? undefined
    : `the envelope was sent by ${sender}, not by the calling platform ${callingPlatform}`;
}

/**
 * Verifies an incoming envelope (`POST /v3/envelopes`) completely, in the order that
 * gives each PINT code its meaning:
 *
 * 0. Sender (not a PINT code): before this, `postedByAnother` on the caller.
 * 1. Form (BENV): an EblEnvelope with a chain of compact JWS.
 * 2. Signatures (BSIG): EVERY chain entry under the keys of the platform it names, the
 *    manifest under the sender's (the platform of the last entry), the issuance manifest
 *    in the first entry under the carrier's. An unknown platform or carrier, `alg: none`, a foreign algorithm, or an
 *    entry altered after signing all land here. BSIG asserts nothing about the contents.
 * 3. Integrity (BENV): the document's checksum equals the manifest's and every entry's; the
 *    manifest names the last entry; each entry names the one before it and the first names
 *    none. An entry dropped, reordered or swapped for another validly signed one ends here.
 * 4. DUPE: the same last entry was accepted before.
 * 5. Rules (BENV): ISSUE first and once, nothing after SACC, actors on their entry's
 *    platform, surrenders to the carrier, no transaction in the future and the transfer to us
 *    recent, the last transaction addressed to a known party here.
 * 6. DISE: the chain omits entries this platform knows for the document.
 */
export async function verifyEnvelope(
  input: unknown,
  context: EnvelopeVerificationContext,
): Promise<EnvelopeVerification> {
  const form = readEblEnvelope(input);
  if (!form.ok) return refuse('BENV', form.problem, lastEntryChecksumOf(input));
  const envelope = form.value;
  const chain = envelope.envelopeTransferChain;
  const lastSigned = chain.at(-1) ?? '';
  const lastEntryChecksum = signedContentChecksum(lastSigned);
  const refusal = (code: RefusedEnvelope['responseCode'], reason: string) =>
    refuse(code, reason, lastEntryChecksum);

  const entries: EnvelopeTransferChainEntry[] = [];
  for (const [i, signed] of chain.entries()) {
    const what = `chain entry ${i}`;
    const verified = await verifySigned(signed, what, (claimed) => {
      const platform = claimedPlatform(claimed);
      return platform === undefined
        ? { malformed: `${what} names no eBL platform` }
        : keysOf(context, platform);
    });
    if ('responseCode' in verified) return refusal(verified.responseCode, verified.reason);
    const entry = readChainEntry(verified.payload, what);
    if (!entry.ok) return refusal('BENV', entry.problem);
    entries.push(entry.value);
  }
  const [firstEntry, lastEntry] = [entries[0], entries.at(-1)];
  if (firstEntry === undefined || lastEntry === undefined) {
    return refusal('BENV', 'the envelope transfer chain is empty');
  }
  const senderPlatform = lastEntry.eblPlatform;

  const verifiedManifest = await verifySigned(
    envelope.envelopeManifestSignedContent,
    'envelope manifest',
    () => keysOf(context, senderPlatform),
  );
  if ('responseCode' in verifiedManifest) {
    return refusal(verifiedManifest.responseCode, verifiedManifest.reason);
  }
  const manifestShape = readEnvelopeManifest(verifiedManifest.payload);
  if (!manifestShape.ok) return refusal('BENV', manifestShape.problem);
  const manifest = manifestShape.value;

  const issuance = await verifyIssuance(firstEntry, envelope, manifest, context);
  if (issuance !== undefined) return refusal(issuance.responseCode, issuance.reason);

  const transportDocumentChecksum = jsonChecksum(envelope.transportDocument);
  const integrity = integrityProblem(
    chain,
    entries,
    manifest,
    transportDocumentChecksum,
    lastEntryChecksum,
  );
  if (integrity !== undefined) return refusal('BENV', integrity);
  const announced = announcedDocuments(manifest);
  if ('problem' in announced) return refusal('BENV', announced.problem);

  if (await context.isAcceptedBefore(lastEntryChecksum)) {
    return {
      ...refusal('DUPE', 'this envelope transfer was accepted before'),
      duplicateOfAcceptedEnvelopeTransferChainEntrySignedContent: lastSigned,
    };
  }

  const resumed = await context.isImportedBefore?.(
    envelope.transportDocument.transportDocumentReference,
    senderPlatform,
    lastEntryChecksum,
  );
  const rules =
    chainTransactionProblem(entries) ??
    (resumed === true
      ? undefined
      : transferTimeProblem(entries, context.receivedAt, context.maxTransferAgeMs));
  if (rules !== undefined) return refusal('BENV', rules);
  const recipient = lastTransaction(entries)?.recipient;
  if (recipient?.eblPlatform !== context.receivingPlatform) {
    return refusal(
      'BENV',
      `the last transaction is not addressed to a party on ${context.receivingPlatform}`,
    );
  }
  if (senderPlatform === context.receivingPlatform) {
    return refusal('BENV', `the last chain entry was signed by this platform's code`);
  }
  if (!(await context.isKnownRecipient(recipient))) {
    return refusal('BENV', `the recipient ${recipient.partyName} is not known on this platform`);
  }

  const known = (await context.knownChainEntryChecksums?.(transportDocumentChecksum)) ?? [];
  const inChain = new Set(chain.map(signedContentChecksum));
  const forgotten = known.filter((checksum) => !inChain.has(checksum));
  if (forgotten.length > 0) {
    return refusal(
      'DISE',
      `the chain omits ${forgotten.length} entr${forgotten.length === 1 ? 'y' : 'ies'} this platform knows for the document (first: ${forgotten[0]})`,
    );
  }

  const missingDocuments: DocumentChecksum[] = [];
  for (const document of announced.documents) {
    const held = (await context.hasAdditionalDocument?.(document.documentChecksum)) ?? false;
    if (!held) missingDocuments.push(document.documentChecksum);
  }
  return {
    accepted: true,
    envelope,
    manifest,
    entries,
    lastEntryChecksum,
    transportDocumentChecksum,
    senderPlatform,
    announcedDocuments: announced.documents,
    missingDocuments,
    recipient,
    actionCodes: lastEntry.transactions.map((transaction) => transaction.actionCode),
  };
}

type Verified = { readonly payload: unknown } | Pick<RefusedEnvelope, 'responseCode' | 'reason'>;
/** The keys a signed part must verify under, or why there are none to try. */
type KeyChoice =
  | { readonly keys: VerificationKeys }
  /** The claimed signer has no registered key: BSIG. */
  | { readonly unknownSigner: string }
  /** The payload does not even say who signed it: BENV. */
  | { readonly malformed: string };

/**
 * Verifies one signed part. Which keys apply depends on who the payload claims signed it,
 * so the payload is read unverified first, only to choose the keys; nothing else is taken
 * from it until the signature holds.
 */
async function verifySigned(
  signed: SignedContent,
  what: string,
  chooseKeys: (claimedPayload: unknown) => KeyChoice,
): Promise<Verified> {
  let claimed: unknown;
  try {
    claimed = readUnverifiedJws(signed).payload;
  } catch (error: unknown) {
    if (error instanceof JwsError)
      return { responseCode: 'BENV', reason: `${what}: ${error.message}` };
    throw error;
  }
  const choice = chooseKeys(claimed);
  if ('malformed' in choice) return { responseCode: 'BENV', reason: choice.malformed };
  if ('unknownSigner' in choice) {
    return { responseCode: 'BSIG', reason: `${what}: ${choice.unknownSigner}` };
  }
  try {
    return { payload: (await verifyCompactJws(signed, choice.keys)).payload };
  } catch (error: unknown) {
    if (error instanceof JwsSignatureError) {
      return { responseCode: 'BSIG', reason: `${what}: ${error.message}` };
    }
    if (error instanceof JwsError)
      return { responseCode: 'BENV', reason: `${what}: ${error.message}` };
    throw error;
  }
}

function keysOf(context: EnvelopeVerificationContext, platform: EblPlatformCode): KeyChoice {
  const keys = context.platformKeys(platform);
  return keys === undefined
    ? { unknownSigner: `signed as platform ${platform}, which has no registered key` }
    : { keys };
}

/**
 * The first entry carries the carrier's IssuanceManifest: signed by the carrier (BSIG if
 * not), for this very document, and for the visualisation this envelope announces (BENV).
 */
async function verifyIssuance(
  first: EnvelopeTransferChainEntry,
  envelope: EblEnvelope,
  manifest: EnvelopeManifest,
  context: EnvelopeVerificationContext,
): Promise<Pick<RefusedEnvelope, 'responseCode' | 'reason'> | undefined> {
  const signed = first.issuanceManifestSignedContent;
  if (signed === undefined) {
    return {
      responseCode: 'BENV',
      reason: 'the first chain entry has no issuanceManifestSignedContent',
    };
  }
  const carrierKeys = context.carrierKeys?.bind(context);
  const carrierCode = envelope.transportDocument.carrierCode;
  const verified =
    carrierKeys === undefined
      ? unverified(signed, 'issuance manifest')
      : await verifySigned(signed, 'issuance manifest', () => {
          const keys = carrierKeys(carrierCode);
          return keys === undefined
            ? { unknownSigner: `carrier ${carrierCode} has no registered key` }
            : { keys };
        });
  if ('responseCode' in verified) return verified;
  const issuance = readIssuanceManifest(verified.payload);
  if (issuance === undefined) {
    return {
      responseCode: 'BENV',
      reason: 'issuanceManifestSignedContent is not an IssuanceManifest',
    };
  }
  if (issuance.documentChecksum !== jsonChecksum(envelope.transportDocument)) {
    return {
      responseCode: 'BENV',
      reason: 'the transport document is not the one the carrier issued',
    };
  }
  const visualisation = manifest.eBLVisualisationByCarrier;
  if (
    visualisation !== undefined &&
    visualisation.documentChecksum !== issuance.eBLVisualisationByCarrierChecksum
  ) {
    return {
      responseCode: 'BENV',
      reason: 'eBLVisualisationByCarrier is not the visualisation the carrier issued',
    };
  }
  return undefined;
}

/** Reads a payload without a key to check it with (no carrier keys port): form only. */
function unverified(signed: SignedContent, what: string): Verified {
  try {
    return { payload: readUnverifiedJws(signed).payload };
  } catch (error: unknown) {
    if (error instanceof JwsError)
      return { responseCode: 'BENV', reason: `${what}: ${error.message}` };
    throw error;
  }
}

/** The payload of a JWS read without its key, or undefined when it is not one. */
function unverifiedPayloadOf(signed: SignedContent): unknown {
  try {
    return readUnverifiedJws(signed).payload;
  } catch (error: unknown) {
    if (error instanceof JwsError) return undefined;
    throw error;
  }
}

/** The platform an unverified chain entry claims, to pick the keys that must verify it. */
function claimedPlatform(claimed: unknown): EblPlatformCode | undefined {
  if (typeof claimed !== 'object' || claimed === null) return undefined;
  const platform = (claimed as { eblPlatform?: unknown }).eblPlatform;
  return isPlatformCode(platform) ? platform : undefined;
}

function integrityProblem(
  chain: readonly SignedContent[],
  entries: readonly EnvelopeTransferChainEntry[],
  manifest: EnvelopeManifest,
  transportDocumentChecksum: Sha256Hex,
  lastEntryChecksum: Sha256Hex,
): string | undefined {
  if (manifest.transportDocumentChecksum !== transportDocumentChecksum) {
    return 'the transport document does not match the manifest’s transportDocumentChecksum';
  }
  if (manifest.lastEnvelopeTransferChainEntrySignedContentChecksum !== lastEntryChecksum) {
    return 'the last chain entry is not the one the manifest names';
  }
  for (const [i, entry] of entries.entries()) {
    if (entry.transportDocumentChecksum !== transportDocumentChecksum) {
      return `chain entry ${i} is for another transport document`;
    }
    const previous = entry.previousEnvelopeTransferChainEntrySignedContentChecksum;
    if (i === 0) {
      if (previous !== undefined) return 'the first chain entry names a previous entry';
      continue;
    }
    if (previous !== signedContentChecksum(chain[i - 1] ?? '')) {
      return `chain entry ${i} does not follow entry ${i - 1} (previous checksum differs)`;
    }
    if (entry.controlTrackingRegistry !== undefined) {
      return `chain entry ${i} names a control tracking registry; only the first entry may`;
    }
  }
  return undefined;
}

function lastEntryChecksumOf(input: unknown): Sha256Hex | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const chain = (input as { envelopeTransferChain?: unknown }).envelopeTransferChain;
  if (!Array.isArray(chain)) return undefined;
  const last: unknown = chain.at(-1);
  return typeof last === 'string' ? signedContentChecksum(last) : undefined;
}

function refuse(
  responseCode: RefusedEnvelope['responseCode'],
  reason: string,
  lastEntryChecksum: Sha256Hex | undefined,
): RefusedEnvelope {
  return {
    accepted: false,
    responseCode,
    reason,
    ...(lastEntryChecksum === undefined ? {} : { lastEntryChecksum }),
  };
}
