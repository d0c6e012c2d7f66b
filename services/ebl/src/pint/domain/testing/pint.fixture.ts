import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesChecksum, signedContentChecksum } from '@pujiang/dcsa';
import { signIssuanceManifest } from '../../../issuance/domain/issuance-manifest';
import {
  type SignatureAlgorithm,
  type SigningKey,
  type VerificationKey,
  encodeBase64Content,
  importSigningKey,
  signCompactJws,
  verificationKeyOf,
} from '../../../signing';
import { jose } from '../../../signing/jose-runtime';
import type { EnvelopeVerificationContext } from '../envelope-verification';
import { type OutgoingEnvelope, buildEnvelope } from '../envelope';
import type {
  ActorParty,
  DocumentMetadata,
  EblEnvelope,
  EnvelopeManifest,
  EnvelopeTransferChainEntry,
  SignedContent,
  TransportDocument,
} from '../pint-types';

/**
 * One eBL's life across three platforms, for the PINT tests: the carrier issues it on WAVE
 * to a shipper, who transfers it to a buyer on BOLE, who transfers it to a bank on PUJI
 * (us). Every signature is real; keys are generated per test run.
 */

export const PLATFORMS = ['WAVE', 'BOLE', 'PUJI'] as const;
export type PlatformCode = (typeof PLATFORMS)[number];

const SAMPLE = join(
  __dirname,
  '../../../../../../test/fixtures/dcsa/messages/pint-3.0.0-transport-document.json',
);

/** DCSA's PINT sample document, its placeholders replaced by values its schema accepts. */
export function sampleTransportDocument(reference = 'PJTD0000010'): TransportDocument {
  const text = readFileSync(SAMPLE, 'utf8')
    .replace('TRANSPORT_DOCUMENT_REFERENCE_PLACEHOLDER', reference)
    .replace('SHIPPING_INSTRUCTION_REFERENCE_PLACEHOLDER', 'SI-0000010')
    .replace('BOOKING_REFERENCE_PLACEHOLDER', 'BKG0000010');
  return JSON.parse(text) as TransportDocument;
}

function party(name: string, platform: string, code: string): ActorParty {
  return {
    partyName: name,
    eblPlatform: platform,
    identifyingCodes: [{ codeListProvider: 'ZZZ', partyCode: code }],
  };
}

export const parties = {
  carrier: party('Hyundai Merchant Marine', 'WAVE', 'HMM'),
  shipper: party('DCSA CTK Shipper', 'WAVE', 'SHIPPER'),
  buyer: party('Buyer Trading GmbH', 'BOLE', 'BUYER'),
  bank: party('Pujiang Trade Bank', 'PUJI', 'BANK'),
} as const;

export const visualisationBytes = Buffer.from('%PDF-1.7 carrier rendering of the B/L');
export const invoiceBytes = Buffer.from('%PDF-1.7 commercial invoice');

export const visualisationMetadata: DocumentMetadata = {
  name: 'PJTD0000010.pdf',
  size: visualisationBytes.byteLength,
  mediaType: 'application/pdf',
  documentChecksum: bytesChecksum(visualisationBytes),
};

export const invoiceMetadata: DocumentMetadata = {
  name: 'invoice.pdf',
  size: invoiceBytes.byteLength,
  mediaType: 'application/pdf',
  documentChecksum: bytesChecksum(invoiceBytes),
};

export interface PintWorld {
  readonly keys: Readonly<Record<PlatformCode, SigningKey>>;
  readonly carrierKey: SigningKey;
  /** A key no registry knows. */
  readonly strangerKey: SigningKey;
  readonly transportDocument: TransportDocument;
  readonly issuanceManifestSignedContent: SignedContent;
  /** WAVE → BOLE: the first transfer (ISSUE, TRANSFER). */
  readonly first: OutgoingEnvelope;
  /** BOLE → PUJI: the envelope PUJI receives (TRANSFER). */
  readonly second: OutgoingEnvelope;
}

export async function generateSigningKey(alg: SignatureAlgorithm = 'ES256'): Promise<SigningKey> {
  return importSigningKey((await jose.generateKeyPair(alg)).privateKey);
}

/** Builds the world with real keys and real envelopes. Call it in `beforeAll`. */
export async function pintWorld(): Promise<PintWorld> {
  const keys = {
    WAVE: await generateSigningKey('ES256'),
    BOLE: await generateSigningKey('RS256'),
    PUJI: await generateSigningKey('EdDSA'),
  };
  const carrierKey = await generateSigningKey('ES256');
  const strangerKey = await generateSigningKey('ES256');
  const transportDocument = sampleTransportDocument();
  const issued = await signIssuanceManifest(
    {
      document: transportDocument,
      issueTo: {
        partyName: parties.shipper.partyName,
        sendToPlatform: 'WAVE',
        identifyingCodes: parties.shipper.identifyingCodes,
      },
      eBLVisualisationByCarrier: {
        name: visualisationMetadata.name,
        content: encodeBase64Content(visualisationBytes),
      },
    },
    carrierKey,
  );
  const first = await buildEnvelope({
    transportDocument,
    previousChain: [],
    issuanceManifestSignedContent: issued.issuanceManifestSignedContent,
    transactions: [
      transaction('ISSUE', parties.carrier, parties.shipper, '2026-11-20T08:00:00.000Z'),
      transaction('TRANSFER', parties.shipper, parties.buyer, '2026-11-21T09:30:00.000Z'),
    ],
    eBLVisualisationByCarrier: visualisationMetadata,
    sendingPlatform: 'WAVE',
    signingKey: keys.WAVE,
  });
  const second = await buildEnvelope({
    transportDocument,
    previousChain: first.envelope.envelopeTransferChain,
    transactions: [
      transaction('TRANSFER', parties.buyer, parties.bank, '2026-11-22T10:15:00.000Z'),
    ],
    eBLVisualisationByCarrier: visualisationMetadata,
    supportingDocuments: [invoiceMetadata],
    sendingPlatform: 'BOLE',
    signingKey: keys.BOLE,
  });
  return {
    keys,
    carrierKey,
    strangerKey,
    transportDocument,
    issuanceManifestSignedContent: issued.issuanceManifestSignedContent,
    first,
    second,
  };
}

export function transaction(
  actionCode: EnvelopeTransferChainEntry['transactions'][number]['actionCode'],
  actor: ActorParty,
  recipient: ActorParty | undefined,
  actionDateTime: string,
) {
  return { actionCode, actor, ...(recipient === undefined ? {} : { recipient }), actionDateTime };
}

export interface ReceiverState {
  /** Last entry checksums of transfers PUJI accepted. */
  readonly accepted: Set<string>;
  /** Chain entry checksums PUJI has seen, per document checksum. */
  readonly knownEntries: Map<string, string[]>;
  readonly heldDocuments: Set<string>;
  /** Platforms PUJI has registered keys for. */
  readonly registered: Map<string, VerificationKey>;
  readonly carrierKey?: VerificationKey;
}

export function receiverState(world: PintWorld): ReceiverState {
  return {
    accepted: new Set(),
    knownEntries: new Map(),
    heldDocuments: new Set(),
    registered: new Map(PLATFORMS.map((code) => [code, verificationKeyOf(world.keys[code])])),
    carrierKey: verificationKeyOf(world.carrierKey),
  };
}

/** PUJI's view of the world, as the ports `verifyEnvelope` reads it through. */
export function receiverContext(state: ReceiverState): EnvelopeVerificationContext {
  const carrierKey = state.carrierKey;
  return {
    receivingPlatform: 'PUJI',
    // Minutes after BOLE's transfer of 10:15.
    receivedAt: new Date('2026-11-22T10:20:00.000Z'),
    maxTransferAgeMs: 3_600_000,
    platformKeys: (platform) => state.registered.get(platform),
    ...(carrierKey === undefined
      ? {}
      : { carrierKeys: (carrierCode) => (carrierCode === 'HMM' ? carrierKey : undefined) }),
    isAcceptedBefore: (checksum) => state.accepted.has(checksum),
    isKnownRecipient: (recipient) =>
      recipient.identifyingCodes.some((code) => code.partyCode === 'BANK'),
    knownChainEntryChecksums: (documentChecksum) => state.knownEntries.get(documentChecksum) ?? [],
    hasAdditionalDocument: (checksum) => state.heldDocuments.has(checksum),
  };
}

/**
 * Re-assembles an envelope from a chain as an attacker or a faulty sender might, signing a
 * fresh manifest for it with `manifestKey` (the sender's, unless the test says otherwise).
 */
export async function envelopeWithChain(
  transportDocument: TransportDocument,
  chain: readonly SignedContent[],
  manifestKey: SigningKey,
  manifestExtras: Partial<EnvelopeManifest> = {},
): Promise<EblEnvelope> {
  const last = chain.at(-1) ?? '';
  const manifest: EnvelopeManifest = {
    transportDocumentChecksum: entryPayload(last).transportDocumentChecksum,
    lastEnvelopeTransferChainEntrySignedContentChecksum: signedContentChecksum(last),
    eBLVisualisationByCarrier: visualisationMetadata,
    ...manifestExtras,
  };
  return {
    transportDocument,
    envelopeManifestSignedContent: await signCompactJws(manifest, manifestKey),
    envelopeTransferChain: chain,
  };
}

/** Signs a chain entry exactly as given, with none of `buildEnvelope`'s checks. */
export async function signRawEntry(
  entry: EnvelopeTransferChainEntry,
  key: SigningKey,
): Promise<SignedContent> {
  return signCompactJws(entry, key);
}

/** The payload of a chain entry, decoded without verification (tests only). */
export function entryPayload(signed: SignedContent): EnvelopeTransferChainEntry {
  return JSON.parse(
    Buffer.from(signed.split('.')[1] ?? '', 'base64url').toString('utf8'),
  ) as EnvelopeTransferChainEntry;
}
