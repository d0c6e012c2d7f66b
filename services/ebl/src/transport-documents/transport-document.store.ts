import { Injectable } from '@nestjs/common';
import { EblRecord, LedgerParty } from '@pujiang/contracts';
import { EntityManager } from 'typeorm';

export interface StoredDocument {
  transportDocumentReference: string;
  document: Record<string, unknown>;
  documentChecksum: string;
  issuingCarrier: string | null;
  envelopeTransferChain: string[];
  issuanceManifestSignedContent: string | null;
}

export interface DocumentWithState extends StoredDocument {
  record: EblRecord | null;
}

/**
 * Full DCSA documents and the ledger's latest record for each. Records are
 * applied in chain order whichever path brings them first (the committing
 * request or the chaincode event), so the read model never goes back.
 */
@Injectable()
export class TransportDocumentStore {
  async saveDocument(manager: EntityManager, doc: StoredDocument): Promise<void> {
    await manager.query(
      `INSERT INTO transport_document (transport_document_reference, document, document_checksum,
          issuing_carrier, envelope_transfer_chain, issuance_manifest_signed_content)
       VALUES ($1, $2::jsonb, $3, $4, $5::jsonb, $6)
       ON CONFLICT (transport_document_reference) DO UPDATE
         SET document = EXCLUDED.document, document_checksum = EXCLUDED.document_checksum,
             envelope_transfer_chain = EXCLUDED.envelope_transfer_chain,
             issuance_manifest_signed_content = EXCLUDED.issuance_manifest_signed_content
       WHERE transport_document.document_checksum = EXCLUDED.document_checksum
          OR EXISTS (SELECT 1 FROM ebl_state s
                      WHERE s.transport_document_reference = EXCLUDED.transport_document_reference
                        AND s.status = 'EXPORTED')`,
      [
        doc.transportDocumentReference,
        JSON.stringify(doc.document),
        doc.documentChecksum,
        doc.issuingCarrier,
        JSON.stringify(doc.envelopeTransferChain),
        doc.issuanceManifestSignedContent,
      ],
    );
  }

  /** Applies a ledger record if it is newer than the one held; returns whether it was. */
  async applyRecord(manager: EntityManager, record: EblRecord): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO ebl_state (transport_document_reference, record, status, holder, parties,
          chain_length, ledger_tx_id, updated_at)
       SELECT $1, $2::jsonb, $3, $4, $5::text[], $6, $7, $8::timestamptz
        WHERE EXISTS (SELECT 1 FROM transport_document WHERE transport_document_reference = $1)
       ON CONFLICT (transport_document_reference) DO UPDATE
         SET record = EXCLUDED.record, status = EXCLUDED.status, holder = EXCLUDED.holder,
             parties = EXCLUDED.parties, chain_length = EXCLUDED.chain_length,
             ledger_tx_id = EXCLUDED.ledger_tx_id, updated_at = EXCLUDED.updated_at
       WHERE ebl_state.chain_length < EXCLUDED.chain_length
          OR (ebl_state.status = 'EXPORTED' AND EXCLUDED.status <> 'EXPORTED')
       RETURNING 1`,
      [
        record.transportDocumentReference,
        JSON.stringify(record),
        record.status,
        record.holder,
        partiesOf(record),
        record.chain.length,
        record.lastTxId,
        record.updatedAt,
      ],
    );
    return rows.length > 0;
  }

  async find(manager: EntityManager, reference: string): Promise<DocumentWithState | undefined> {
    const rows: Row[] = await manager.query(`${SELECT} WHERE d.transport_document_reference = $1`, [
      reference,
    ]);
    return rows[0] === undefined ? undefined : fromRow(rows[0]);
  }

  /** The envelope transfer chains held for the document with this checksum. */
  async transferChains(manager: EntityManager, documentChecksum: string): Promise<string[][]> {
    const rows: { envelope_transfer_chain: string[] }[] = await manager.query(
      `SELECT envelope_transfer_chain FROM transport_document WHERE document_checksum = $1`,
      [documentChecksum],
    );
    return rows.map((row) => row.envelope_transfer_chain);
  }

  /** Documents a party holds now, or held or was offered before, newest change first. */
  async forParty(
    manager: EntityManager,
    party: LedgerParty,
    holdingNow: boolean,
  ): Promise<DocumentWithState[]> {
    const rows: Row[] = await manager.query(
      `${SELECT} WHERE ${holdingNow ? 's.holder = $1' : '$1 = ANY (s.parties)'}
       ORDER BY s.updated_at DESC LIMIT 500`,
      [party],
    );
    return rows.map(fromRow);
  }
}

/** Everyone who has been in the document's chain: they may see it (and the issuer). */
export function partiesOf(record: EblRecord): string[] {
  const parties = new Set<string>([record.issuer, record.holder]);
  for (const entry of record.chain) {
    parties.add(entry.actor);
    if (entry.recipient !== undefined) parties.add(entry.recipient);
  }
  return [...parties];
}

const SELECT = `
  SELECT d.transport_document_reference, d.document, d.document_checksum, d.issuing_carrier,
         d.envelope_transfer_chain, d.issuance_manifest_signed_content, s.record
    FROM transport_document d
    LEFT JOIN ebl_state s USING (transport_document_reference)`;

interface Row {
  transport_document_reference: string;
  document: Record<string, unknown>;
  document_checksum: string;
  issuing_carrier: string | null;
  envelope_transfer_chain: string[];
  issuance_manifest_signed_content: string | null;
  record: EblRecord | null;
}

function fromRow(row: Row): DocumentWithState {
  return {
    transportDocumentReference: row.transport_document_reference,
    document: row.document,
    documentChecksum: row.document_checksum,
    issuingCarrier: row.issuing_carrier,
    envelopeTransferChain: row.envelope_transfer_chain,
    issuanceManifestSignedContent: row.issuance_manifest_signed_content,
    record: row.record,
  };
}
