import { EntityManager } from 'typeorm';
import { DocumentMetadata, EblEnvelope, RecipientParty, SignedContent } from './domain/pint-types';

/** An envelope transfer another platform started with us, and where it stands. */
export interface IncomingTransfer {
  envelopeReference: string;
  /** Names the transfer across retries: the checksum of the sender's chain entry. */
  lastEntryChecksum: string;
  transportDocumentReference: string;
  envelope: EblEnvelope;
  /** The platform that sent the envelope; only it may go on with the transfer. */
  senderPlatform: string;
  /** The additional documents the envelope announced, each to arrive before acceptance. */
  expectedDocuments: readonly DocumentMetadata[];
  state: 'RECEIVING' | 'ACCEPTED' | 'REFUSED';
  /** Whether its lifetime has run out (by the database's clock); it matters while RECEIVING. */
  expired: boolean;
  /** Our signed answer once accepted, given again to a sender that asks again. */
  responseSignedContent: SignedContent | null;
}

/** A verified envelope whose transfer opens, still RECEIVING its announced documents. */
export type OpeningTransfer = Omit<
  IncomingTransfer,
  'state' | 'expired' | 'responseSignedContent'
> & {
  recipient: RecipientParty;
  /** How long the transfer stays open for its documents. */
  lifetimeSeconds: number;
};

interface IncomingEnvelopeRow {
  envelope_reference: string;
  last_entry_checksum: string;
  transport_document_reference: string;
  envelope: EblEnvelope;
  sender_platform: string;
  expected_documents: DocumentMetadata[];
  state: IncomingTransfer['state'];
  expired: boolean;
  response_signed_content: SignedContent | null;
}

/** Every column a transfer is read from, and whether it has expired by now. */
const TRANSFER_COLUMNS = `envelope_reference, last_entry_checksum, transport_document_reference,
  envelope, sender_platform, expected_documents, state, response_signed_content,
  expires_at <= now() AS expired`;

/**
 * The PINT transfers this platform receives: each envelope from when it is
 * verified until it is accepted, with the additional documents that arrive
 * for it meanwhile.
 */
export class IncomingTransferStore {
  constructor(private readonly manager: EntityManager) {}

  /** The reference of the transfer of this chain that is still receiving and not expired, if any. */
  async receiving(lastEntryChecksum: string): Promise<string | undefined> {
    const open: { envelope_reference: string }[] = await this.manager.query(
      `SELECT envelope_reference FROM incoming_envelope
        WHERE last_entry_checksum = $1 AND state = 'RECEIVING' AND expires_at > now()`,
      [lastEntryChecksum],
    );
    return open[0]?.envelope_reference;
  }

  async open(transfer: OpeningTransfer): Promise<void> {
    await this.manager.query(
      `INSERT INTO incoming_envelope (envelope_reference, last_entry_checksum,
          transport_document_reference, envelope, recipient_party, expected_documents,
          sender_platform, expires_at, state)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6::jsonb, $7, now() + make_interval(secs => $8),
         'RECEIVING')`,
      [
        transfer.envelopeReference,
        transfer.lastEntryChecksum,
        transfer.transportDocumentReference,
        JSON.stringify(transfer.envelope),
        JSON.stringify(transfer.recipient),
        JSON.stringify(transfer.expectedDocuments),
        transfer.senderPlatform,
        transfer.lifetimeSeconds,
      ],
    );
  }

  async find(envelopeReference: string): Promise<IncomingTransfer | undefined> {
    const rows: IncomingEnvelopeRow[] = await this.manager.query(
      `SELECT ${TRANSFER_COLUMNS} FROM incoming_envelope WHERE envelope_reference = $1`,
      [envelopeReference],
    );
    return rows[0] === undefined ? undefined : fromRow(rows[0]);
  }

  /** The transfer of this chain that was accepted before: the same envelope again is a duplicate. */
  async findAccepted(lastEntryChecksum: string): Promise<IncomingTransfer | undefined> {
    const rows: IncomingEnvelopeRow[] = await this.manager.query(
      `SELECT ${TRANSFER_COLUMNS} FROM incoming_envelope
        WHERE last_entry_checksum = $1 AND state = 'ACCEPTED'`,
      [lastEntryChecksum],
    );
    return rows[0] === undefined ? undefined : fromRow(rows[0]);
  }

  /** Keeps an announced document; the same document sent again changes nothing. */
  async addDocument(
    envelopeReference: string,
    documentChecksum: string,
    content: Uint8Array,
  ): Promise<void> {
    await this.manager.query(
      `INSERT INTO incoming_document (envelope_reference, document_checksum, content)
       VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [envelopeReference, documentChecksum, Buffer.from(content)],
    );
  }

  /** The checksums of the documents received so far for the transfer. */
  async receivedDocuments(envelopeReference: string): Promise<Set<string>> {
    const held: { document_checksum: string }[] = await this.manager.query(
      `SELECT document_checksum FROM incoming_document WHERE envelope_reference = $1`,
      [envelopeReference],
    );
    return new Set(held.map((h) => h.document_checksum));
  }

  /** Marks the transfer accepted and keeps the signed answer that said so. */
  async accept(envelopeReference: string, responseSignedContent: SignedContent): Promise<void> {
    await this.manager.query(
      `UPDATE incoming_envelope SET state = 'ACCEPTED', response_signed_content = $2
        WHERE envelope_reference = $1`,
      [envelopeReference, responseSignedContent],
    );
  }
}

function fromRow(row: IncomingEnvelopeRow): IncomingTransfer {
  return {
    envelopeReference: row.envelope_reference,
    lastEntryChecksum: row.last_entry_checksum,
    transportDocumentReference: row.transport_document_reference,
    envelope: row.envelope,
    senderPlatform: row.sender_platform,
    expectedDocuments: row.expected_documents,
    state: row.state,
    expired: row.expired,
    responseSignedContent: row.response_signed_content,
  };
}
