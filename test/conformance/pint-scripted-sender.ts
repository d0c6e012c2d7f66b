import { createHash } from 'node:crypto';
import { buildEnvelope } from '../../services/ebl/src/pint/domain/envelope';
import type {
  DocumentMetadata,
  EblEnvelope,
  RecipientParty,
  Transaction,
  TransportDocument,
} from '../../services/ebl/src/pint/domain/pint-types';
import { pintTransaction } from '../../services/ebl/src/pint/pint-transactions';
import type { EndorsementChainLink } from '../../services/ebl/src/transport-documents/domain/endorsement-chain';
import {
  importSigningKey,
  readUnverifiedJws,
  signCompactJws,
} from '../../services/ebl/src/signing';
import type { EblWorld } from '../support/ebl-platforms';

/**
 * TEST ONLY. The PINT steps DCSA's SendingPlatform scenarios ask of a sender that no user of
 * our platform can ask PJA for, because a correct platform never takes them by itself: send a
 * bad signature, name a recipient on another platform than the one it sends to, send an
 * envelope whose document was altered after signing, resend, re-sign or alter an envelope
 * the receiver already answered, send a corrupted or unrelated additional document, finish
 * a transfer before its documents are in, or take the steps of a transfer with additional
 * documents one framework action at a time.
 *
 * It plays PJA's sender as PJA would: the envelope is built and signed by PJA's own code
 * (services/ebl/src/pint/domain/envelope.ts, services/ebl/src/signing) with PJA's signing key
 * from the local stack, from the eBL PJA holds (its stored document, its endorsement chain)
 * and the carrier's issuance manifest; it calls the receiver with PJA's bearer token. Then it
 * breaks the one thing the scenario asks for. Nothing here is reachable from a service:
 * there is no production route or flag for it (test/conformance/README.md).
 */
export interface ScriptedSenderSetup {
  world: EblWorld;
  /** The receiving platform's code and PINT endpoint, as PJA's directory has them. */
  receiver: { code: string; endpoint: string };
  /** The envelope PJA itself last sent to the receiver, if any (a retry's starting point). */
  lastEnvelopeSentByPja(): EblEnvelope | undefined;
}

/** The eBL of the current scenario, as PJA holds it. */
export interface ScenarioEbl {
  reference: string;
  issuanceManifestSignedContent: string;
  recipient: Omit<RecipientParty, 'eblPlatform'>;
  /** How many supporting documents the scenario's envelope announces (its `[D:n]`). */
  documentCount: number;
}

interface Answer {
  status: number;
  body: unknown;
}

/** A platform code that is neither PJA nor the receiver: the "wrong recipient platform". */
const ANOTHER_PLATFORM = 'WAVE';

export class ScriptedPintSender {
  private ebl: ScenarioEbl | undefined;
  /** The envelope of this scenario's transfer, once sent. */
  private envelope: EblEnvelope | undefined;
  private envelopeReference: string | undefined;
  private documents = new Map<string, Uint8Array>();
  private missing: string[] = [];

  constructor(private readonly setup: ScriptedSenderSetup) {}

  /** A new scenario, with a fresh eBL issued to PJA's shipper. */
  begin(ebl: ScenarioEbl): void {
    this.ebl = ebl;
    this.envelope = undefined;
    this.envelopeReference = undefined;
    this.documents = new Map();
    this.missing = [];
  }

  /**
   * Takes the framework action `action` (its title), or answers undefined when it is not
   * one of the steps this module plays.
   */
  async act(action: string): Promise<Answer | undefined> {
    if (action.startsWith('SingleRequestTransfer(BSIG')) {
      const valid = await this.validEnvelope();
      return this.post({
        ...valid,
        envelopeManifestSignedContent: tamper(valid.envelopeManifestSignedContent),
      });
    }
    if (action.startsWith('SingleRequestTransfer(BENV, WRONG_RECIPIENT_PLATFORM')) {
      return this.post(await this.validEnvelope({ recipientPlatform: ANOTHER_PLATFORM }));
    }
    if (action.startsWith('IncorrectSingleRequestTransfer')) {
      const valid = await this.validEnvelope();
      return this.post({
        ...valid,
        transportDocument: withInvalidFacility(valid.transportDocument),
      });
    }
    if (action.startsWith('StartTransfer(')) {
      this.envelope = await this.validEnvelope({ documents: this.newDocuments() });
      return this.start(this.envelope);
    }
    if (action.startsWith('TransferAdditionalDocument(')) {
      return this.putDocument(action.slice('TransferAdditionalDocument('.length, -1));
    }
    if (action.startsWith('FinishTransfer(')) {
      return this.call('PUT', `/v3/envelopes/${this.openEnvelope()}/finish-transfer`);
    }
    if (action.startsWith('RetryTransfer(MD:')) {
      return this.start(this.sentEnvelope());
    }
    const retry = /^RetryTransfer\(\w+, (NO_CHANGE|RESIGN|MANIPULATE)\)/.exec(action)?.[1];
    if (retry !== undefined) {
      const sent = this.sentEnvelope();
      return this.start(
        retry === 'NO_CHANGE'
          ? sent
          : await resigned(sent, retry === 'MANIPULATE', this.setup.world),
      );
    }
    return undefined;
  }

  /** POST the envelope; a 201 opens the transfer and lists the documents still missing. */
  private async start(envelope: EblEnvelope): Promise<Answer> {
    const answer = await this.post(envelope);
    if (answer.status === 201) {
      const started = answer.body as {
        envelopeReference: string;
        missingAdditionalDocumentChecksums: string[];
      };
      this.envelopeReference = started.envelopeReference;
      this.missing = started.missingAdditionalDocumentChecksums.map((c) => c.toLowerCase());
    }
    return answer;
  }

  private post(envelope: EblEnvelope): Promise<Answer> {
    return this.call('POST', '/v3/envelopes', envelope);
  }

  /**
   * PUT the next missing document: as announced (VALID_DOCUMENT), with its first byte
   * flipped under the announced checksum (CORRUPTED_DOCUMENT), or flipped under its own
   * checksum (UNRELATED_DOCUMENT), as DCSA's own sender does.
   */
  private async putDocument(kind: string): Promise<Answer> {
    const checksum = this.missing[0];
    const content = checksum === undefined ? undefined : this.documents.get(checksum);
    if (checksum === undefined || content === undefined) {
      throw new Error(`scripted PINT sender: no missing document to send (${kind})`);
    }
    let bytes = content;
    let urlChecksum = checksum;
    if (kind !== 'VALID_DOCUMENT') {
      bytes = Uint8Array.from(content);
      bytes[0] = (bytes[0] ?? 0) ^ 0x01;
      if (kind === 'UNRELATED_DOCUMENT') urlChecksum = sha256(bytes);
    }
    const answer = await this.call(
      'PUT',
      `/v3/envelopes/${this.openEnvelope()}/additional-documents/${urlChecksum}`,
      Buffer.from(bytes).toString('base64'),
    );
    if (answer.status === 204) this.missing.shift();
    return answer;
  }

  private async call(method: 'POST' | 'PUT', path: string, body?: unknown): Promise<Answer> {
    const { world, receiver } = this.setup;
    const response = await fetch(`${receiver.endpoint}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        authorization: `Bearer ${await world.platformToken(world.pja, receiver.code)}`,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text.length > 0 ? (JSON.parse(text) as unknown) : undefined,
    };
  }

  /** The envelope PJA would send for the scenario's eBL, built and signed by PJA's code. */
  private async validEnvelope(
    options: { recipientPlatform?: string; documents?: DocumentMetadata[] } = {},
  ): Promise<EblEnvelope> {
    const { world, receiver } = this.setup;
    const ebl = this.current();
    const shipper = `Bearer ${await world.pja.tokenFor('shipper')}`;
    const held = await getJson<{ transportDocument: TransportDocument }>(
      `${world.pja.url}/transport-documents/${ebl.reference}`,
      shipper,
    );
    const { endorsementChain } = await getJson<{ endorsementChain: EndorsementChainLink[] }>(
      `${world.pja.url}/endorsement-chains/${ebl.reference}`,
      shipper,
    );
    const here = endorsementChain.map(pintTransaction);
    const holder = endorsementChain.at(-1)?.recipient;
    if (holder === undefined) throw new Error(`${ebl.reference} has no endorsement chain`);
    const transferOut: Transaction = {
      actionCode: 'ENDORSE_TO_ORDER',
      actor: holder,
      recipient: { ...ebl.recipient, eblPlatform: options.recipientPlatform ?? receiver.code },
      actionDateTime: new Date().toISOString(),
    };
    const { envelope } = await buildEnvelope({
      transportDocument: held.transportDocument,
      previousChain: [],
      issuanceManifestSignedContent: ebl.issuanceManifestSignedContent,
      transactions: [...here, transferOut],
      ...(options.documents === undefined ? {} : { supportingDocuments: options.documents }),
      sendingPlatform: world.pja.code,
      signingKey: await importSigningKey(world.pja.signingKey),
    });
    return envelope;
  }

  /** The scenario's supporting documents: small text files, one per `[D:n]`. */
  private newDocuments(): DocumentMetadata[] {
    const ebl = this.current();
    return Array.from({ length: ebl.documentCount }, (_, i) => {
      const bytes = new TextEncoder().encode(
        `Supporting document ${i + 1} of ${ebl.documentCount} for ${ebl.reference}\n`,
      );
      const documentChecksum = sha256(bytes);
      this.documents.set(documentChecksum, bytes);
      return {
        name: `supporting-${i + 1}.txt`,
        size: bytes.byteLength,
        mediaType: 'text/plain',
        documentChecksum,
      };
    });
  }

  private sentEnvelope(): EblEnvelope {
    const sent = this.envelope ?? this.setup.lastEnvelopeSentByPja();
    if (sent === undefined) throw new Error('scripted PINT sender: no envelope was sent yet');
    return sent;
  }

  private openEnvelope(): string {
    if (this.envelopeReference === undefined) {
      throw new Error('scripted PINT sender: no transfer is open');
    }
    return encodeURIComponent(this.envelopeReference);
  }

  private current(): ScenarioEbl {
    if (this.ebl === undefined) throw new Error('scripted PINT sender: no scenario begun');
    return this.ebl;
  }
}

/**
 * The envelope again with its last chain entry signed anew (RESIGN: the same payload, so the
 * receiver sees a duplicate) or with one more transaction in it (MANIPULATE: a different
 * entry for a transfer the receiver already accepted, a dispute), and its manifest re-signed
 * to name the new entry, as PJA's sender would sign them.
 */
async function resigned(
  envelope: EblEnvelope,
  manipulate: boolean,
  world: EblWorld,
): Promise<EblEnvelope> {
  const key = await importSigningKey(world.pja.signingKey);
  const chain = [...envelope.envelopeTransferChain];
  const last = chain.pop();
  if (last === undefined) throw new Error('scripted PINT sender: an envelope without a chain');
  const entry = readUnverifiedJws(last).payload as { transactions: Transaction[] };
  const changed = manipulate
    ? { ...entry, transactions: [...entry.transactions, ...entry.transactions.slice(-1)] }
    : entry;
  const entrySigned = await signCompactJws(changed, key);
  const manifest = readUnverifiedJws(envelope.envelopeManifestSignedContent).payload as Record<
    string,
    unknown
  >;
  return {
    ...envelope,
    envelopeManifestSignedContent: await signCompactJws(
      { ...manifest, lastEnvelopeTransferChainEntrySignedContentChecksum: sha256(entrySigned) },
      key,
    ),
    envelopeTransferChain: [...chain, entrySigned],
  };
}

/** The JWS with one byte added to its payload and the signature kept: it no longer verifies. */
function tamper(jws: string): string {
  const [header = '', payload = '', signature = ''] = jws.split('.');
  const altered = `${Buffer.from(payload, 'base64url').toString('utf8')} `;
  return [header, Buffer.from(altered, 'utf8').toString('base64url'), signature].join('.');
}

/** The document with a facility code no receiver knows, after the manifest was signed. */
function withInvalidFacility(document: TransportDocument): TransportDocument {
  const doc = structuredClone(document) as unknown as {
    transports: { placeOfReceipt?: Record<string, unknown> };
  };
  const place = doc.transports.placeOfReceipt ?? {};
  doc.transports.placeOfReceipt = {
    ...place,
    facility: { facilityCode: 'INVALID_FACILITY_CODE', facilityCodeListProvider: 'SMDG' },
  };
  return doc as unknown as TransportDocument;
}

function sha256(content: Uint8Array | string): string {
  return createHash('sha256').update(content).digest('hex');
}

async function getJson<T>(url: string, authorization: string): Promise<T> {
  const res = await fetch(url, { headers: { authorization } });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
