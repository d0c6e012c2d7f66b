import { KeyObject, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EblRecord, LedgerErrorCode } from '@pujiang/contracts';
import { LedgerRefusalError, problemFromLedger } from '@pujiang/ledger-client';
import { DataSource, EntityManager } from 'typeorm';
import { EblPlatform } from '../platform/ebl-platform';
import {
  Sha256Hex,
  SigningKey,
  VerificationKey,
  decodeBase64Content,
  readUnverifiedJws,
  importSigningKey,
  importVerificationKey,
  signedContentChecksum,
} from '../signing';
import { EblLedger } from '../transport-documents/ebl-ledger';
import { TransportDocumentStore } from '../transport-documents/transport-document.store';
import {
  finishTransfer,
  findAnnouncedDocument,
  verifyAdditionalDocument,
} from './domain/additional-documents';
import { signEnvelopeResponse } from './domain/envelope-response';
import { AcceptedEnvelope, verifyEnvelope } from './domain/envelope-verification';
import {
  DocumentMetadata,
  EblEnvelope,
  EnvelopeTransferChainEntry,
  EnvelopeTransferFinishedResponse,
} from './domain/pint-types';

/** What the controller sends back: a status and a JSON body (a signed JWS string, or the 201 body). */
export interface ReceiverAnswer {
  status: number;
  body?: unknown;
}

interface IncomingRow {
  envelope_reference: string;
  last_entry_checksum: string;
  transport_document_reference: string;
  envelope: EblEnvelope;
  recipient_party: string;
  expected_documents: DocumentMetadata[];
  state: 'RECEIVING' | 'ACCEPTED' | 'REFUSED';
  response_signed_content: string | null;
}

/**
 * Receives eBLs from other platforms (DCSA PINT 3.0). An envelope is
 * verified whole (every signature and link of its chain) before anything is
 * stored; it is accepted only when every announced document has arrived,
 * and then the ledger records the import under this platform's operator
 * identity before RECE is signed. A replay of an accepted transfer gets DUPE.
 */
@Injectable()
export class PintReceiver {
  private signingKey?: Promise<SigningKey>;
  private keyRing?: Promise<KeyRing>;

  constructor(
    private readonly ledger: EblLedger,
    private readonly store: TransportDocumentStore,
    private readonly platform: EblPlatform,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async receive(body: unknown): Promise<ReceiverAnswer> {
    this.keyRing ??= keyRingOf(this.platform);
    const keys = await this.keyRing;
    const verdict = await verifyEnvelope(body, {
      receivingPlatform: this.platform.code,
      platformKeys: (code) => keys.platforms.get(code),
      carrierKeys: (code) => keys.carriers.get(code),
      isAcceptedBefore: async (checksum) => (await this.accepted(checksum)) !== undefined,
      isKnownRecipient: (party) =>
        this.platform.partyIdentifiedBy(party.identifyingCodes) !== undefined,
      knownChainEntryChecksums: (checksum) => this.knownEntries(checksum),
    });
    if (!verdict.accepted) {
      if (verdict.lastEntryChecksum === undefined) return { status: 400, body: undefined };
      const duplicate = verdict.responseCode === 'DUPE';
      return this.signed(duplicate ? 200 : 422, {
        lastEnvelopeTransferChainEntrySignedContentChecksum: verdict.lastEntryChecksum,
        responseCode: verdict.responseCode,
        reason: verdict.reason,
        ...(verdict.duplicateOfAcceptedEnvelopeTransferChainEntrySignedContent === undefined
          ? {}
          : {
              duplicateOfAcceptedEnvelopeTransferChainEntrySignedContent:
                verdict.duplicateOfAcceptedEnvelopeTransferChainEntrySignedContent,
            }),
      });
    }
    const envelopeReference = await this.openTransfer(verdict);
    if (verdict.missingDocuments.length > 0) {
      return {
        status: 201,
        body: {
          envelopeReference,
          transportDocumentChecksum: verdict.transportDocumentChecksum,
          lastEnvelopeTransferChainEntrySignedContentChecksum: verdict.lastEntryChecksum,
          missingAdditionalDocumentChecksums: verdict.missingDocuments,
        },
      };
    }
    return this.finish(envelopeReference);
  }

  async receiveDocument(
    envelopeReference: string,
    checksum: string,
    base64: string,
  ): Promise<ReceiverAnswer> {
    const row = await this.transfer(envelopeReference);
    if (row === undefined || row.state !== 'RECEIVING') return { status: 404 };
    const bytes = decodeBase64Content(base64);
    const check =
      bytes === undefined
        ? { ok: false as const, responseCode: 'INCD' as const, reason: 'the body is not Base64' }
        : verifyAdditionalDocument(findAnnouncedDocument(row.expected_documents, checksum), bytes);
    if (!check.ok || bytes === undefined) {
      return this.signed(409, {
        lastEnvelopeTransferChainEntrySignedContentChecksum: row.last_entry_checksum,
        responseCode: 'INCD',
        reason: check.ok ? 'unreadable document' : check.reason,
      });
    }
    await this.dataSource.query(
      `INSERT INTO incoming_document (envelope_reference, document_checksum, content)
       VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [envelopeReference, checksum, Buffer.from(bytes)],
    );
    return { status: 204 };
  }

  async finish(envelopeReference: string): Promise<ReceiverAnswer> {
    const row = await this.transfer(envelopeReference);
    if (row === undefined) return { status: 404 };
    if (row.state === 'ACCEPTED' && row.response_signed_content !== null) {
      return { status: 200, body: row.response_signed_content };
    }
    const held: { document_checksum: string }[] = await this.dataSource.query(
      `SELECT document_checksum FROM incoming_document WHERE envelope_reference = $1`,
      [envelopeReference],
    );
    const outcome = finishTransfer(
      row.expected_documents,
      new Set(held.map((h) => h.document_checksum)),
    );
    if (outcome.responseCode === 'MDOC') {
      return this.signed(409, {
        lastEnvelopeTransferChainEntrySignedContentChecksum: row.last_entry_checksum,
        ...outcome,
      });
    }
    await this.importOnLedger(row);
    const answer = await this.signed(200, {
      lastEnvelopeTransferChainEntrySignedContentChecksum: row.last_entry_checksum,
      ...outcome,
    });
    await this.dataSource.query(
      `UPDATE incoming_envelope SET state = 'ACCEPTED', response_signed_content = $2
        WHERE envelope_reference = $1`,
      [envelopeReference, answer.body],
    );
    return answer;
  }

  /** The ledger makes the recipient the holder here; then the document joins the read model. */
  private async importOnLedger(row: IncomingRow): Promise<void> {
    // The chain was verified when the envelope arrived; here it is only read.
    const entries = row.envelope.envelopeTransferChain;
    const chain = entries.map(
      (signed) => readUnverifiedJws(signed).payload as EnvelopeTransferChainEntry,
    );
    const first = chain[0];
    const last = chain.at(-1);
    const recipientParty = last?.transactions.at(-1)?.recipient;
    if (first === undefined || last === undefined || recipientParty === undefined) {
      throw new Error('verified envelope without chain or recipient');
    }
    const recipient = this.platform.partyIdentifiedBy(recipientParty.identifyingCodes);
    if (recipient === undefined)
      throw new Error('recipient left the directory during the transfer');
    const sender = `${last.eblPlatform}:${row.last_entry_checksum}`;
    const document = row.envelope.transportDocument as unknown as Record<string, unknown>;
    let record: EblRecord;
    try {
      ({ record } = await this.ledger.importTransfer({
        transportDocumentReference: row.transport_document_reference,
        documentChecksum: last.transportDocumentChecksum,
        isToOrder: document.isToOrder === true,
        holder: recipient,
        issuer: `PINT:${first.eblPlatform}:${typeof document.carrierCode === 'string' ? document.carrierCode : 'carrier'}`,
        sender,
      }));
    } catch (error) {
      record = await this.alreadyImported(error, row.transport_document_reference, sender);
    }
    await this.dataSource.transaction(async (manager: EntityManager) => {
      await this.store.saveDocument(manager, {
        transportDocumentReference: row.transport_document_reference,
        document,
        documentChecksum: record.documentChecksum,
        issuingCarrier: null,
        envelopeTransferChain: [...entries],
        issuanceManifestSignedContent: first.issuanceManifestSignedContent ?? null,
      });
      await this.store.applyRecord(manager, record);
    });
  }

  /** A retried finish whose import already committed (crash between ledger and database). */
  private async alreadyImported(
    error: unknown,
    reference: string,
    sender: string,
  ): Promise<EblRecord> {
    if (error instanceof LedgerRefusalError && error.code === LedgerErrorCode.alreadyExists) {
      const record = await this.ledger.read(reference);
      if (record?.chain.some((entry) => entry.externalSender === sender)) return record;
    }
    throw problemFromLedger(error);
  }

  private async openTransfer(verdict: AcceptedEnvelope): Promise<string> {
    // A sender retrying an unfinished transfer gets the same envelope reference back.
    const open: { envelope_reference: string }[] = await this.dataSource.query(
      `SELECT envelope_reference FROM incoming_envelope
        WHERE last_entry_checksum = $1 AND state = 'RECEIVING'`,
      [verdict.lastEntryChecksum],
    );
    if (open[0] !== undefined) return open[0].envelope_reference;
    const reference = randomUUID();
    const document = verdict.envelope.transportDocument as unknown as Record<string, unknown>;
    await this.dataSource.query(
      `INSERT INTO incoming_envelope (envelope_reference, last_entry_checksum,
          transport_document_reference, envelope, recipient_party, expected_documents, state)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6::jsonb, 'RECEIVING')`,
      [
        reference,
        verdict.lastEntryChecksum,
        String(document.transportDocumentReference),
        JSON.stringify(verdict.envelope),
        JSON.stringify(verdict.recipient),
        JSON.stringify(verdict.announcedDocuments),
      ],
    );
    return reference;
  }

  private async transfer(envelopeReference: string): Promise<IncomingRow | undefined> {
    const rows: IncomingRow[] = await this.dataSource.query(
      `SELECT * FROM incoming_envelope WHERE envelope_reference = $1`,
      [envelopeReference],
    );
    return rows[0];
  }

  private async accepted(lastEntryChecksum: Sha256Hex): Promise<IncomingRow | undefined> {
    const rows: IncomingRow[] = await this.dataSource.query(
      `SELECT * FROM incoming_envelope WHERE last_entry_checksum = $1 AND state = 'ACCEPTED'`,
      [lastEntryChecksum],
    );
    return rows[0];
  }

  /** Chain entries this platform has held for the document: a chain that omits one forks history. */
  private async knownEntries(transportDocumentChecksum: Sha256Hex): Promise<Sha256Hex[]> {
    const rows: { envelope_transfer_chain: string[] }[] = await this.dataSource.query(
      `SELECT envelope_transfer_chain FROM transport_document WHERE document_checksum = $1`,
      [transportDocumentChecksum],
    );
    return rows.flatMap((row) => row.envelope_transfer_chain.map(signedContentChecksum));
  }

  private async signed(
    status: number,
    response: EnvelopeTransferFinishedResponse,
  ): Promise<ReceiverAnswer> {
    this.signingKey ??= importSigningKey(this.platform.signingKey);
    return { status, body: await signEnvelopeResponse(response, await this.signingKey) };
  }
}

interface KeyRing {
  platforms: Map<string, VerificationKey>;
  carriers: Map<string, VerificationKey>;
}

/** The directory's keys, imported once: verification asks for them synchronously. */
async function keyRingOf(platform: EblPlatform): Promise<KeyRing> {
  const imported = async (keys: Map<string, KeyObject>) =>
    new Map(
      await Promise.all(
        [...keys].map(async ([code, key]) => [code, await importVerificationKey(key)] as const),
      ),
    );
  const trusted = platform.trustedKeys();
  return {
    platforms: await imported(trusted.platforms),
    carriers: await imported(trusted.carriers),
  };
}
