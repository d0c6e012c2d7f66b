import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DocumentMetadata } from '../pint/domain/pint-types';

/** What a document is to the eBL: the carrier's rendering of it, or a document beside it. */
export type AdditionalDocumentKind = 'VISUALISATION' | 'SUPPORTING';

export interface HeldAdditionalDocument extends DocumentMetadata {
  readonly kind: AdditionalDocumentKind;
}

interface Row {
  document_checksum: string;
  kind: AdditionalDocumentKind;
  name: string;
  media_type: string;
  size: number;
}

/**
 * The additional documents an eBL travels with over PINT, kept by this platform while it
 * holds the eBL: the carrier's visualisation and the holders' supporting documents.
 */
@Injectable()
export class AdditionalDocumentStore {
  /** Keeps a document; the same content kept again for the same eBL changes nothing. */
  async add(
    manager: EntityManager,
    reference: string,
    kind: AdditionalDocumentKind,
    metadata: DocumentMetadata,
    content: Uint8Array,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO ebl_additional_document (transport_document_reference, document_checksum,
          kind, name, media_type, size, content)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (transport_document_reference, document_checksum) DO NOTHING`,
      [
        reference,
        metadata.documentChecksum,
        kind,
        metadata.name,
        metadata.mediaType,
        metadata.size,
        Buffer.from(content),
      ],
    );
  }

  /** Every document of the eBL, in the order they were kept. */
  async list(manager: EntityManager, reference: string): Promise<HeldAdditionalDocument[]> {
    const rows: Row[] = await manager.query(
      `SELECT document_checksum, kind, name, media_type, size FROM ebl_additional_document
        WHERE transport_document_reference = $1 ORDER BY added_at, document_checksum`,
      [reference],
    );
    return rows.map((row) => ({
      kind: row.kind,
      name: row.name,
      mediaType: row.media_type,
      size: row.size,
      documentChecksum: row.document_checksum,
    }));
  }

  async content(
    manager: EntityManager,
    reference: string,
    documentChecksum: string,
  ): Promise<Uint8Array | undefined> {
    const rows: { content: Buffer }[] = await manager.query(
      `SELECT content FROM ebl_additional_document
        WHERE transport_document_reference = $1 AND document_checksum = $2`,
      [reference, documentChecksum],
    );
    return rows[0]?.content;
  }

  /**
   * Keeps the documents a PINT transfer brought with the eBL (received into
   * incoming_document for that envelope), each as the envelope announced it.
   */
  async keepReceived(
    manager: EntityManager,
    reference: string,
    envelopeReference: string,
    announced: readonly HeldAdditionalDocument[],
  ): Promise<void> {
    for (const document of announced) {
      await manager.query(
        `INSERT INTO ebl_additional_document (transport_document_reference, document_checksum,
            kind, name, media_type, size, content)
         SELECT $1, $3, $4, $5, $6, $7, content FROM incoming_document
          WHERE envelope_reference = $2 AND document_checksum = $3
         ON CONFLICT (transport_document_reference, document_checksum) DO NOTHING`,
        [
          reference,
          envelopeReference,
          document.documentChecksum,
          document.kind,
          document.name,
          document.mediaType,
          document.size,
        ],
      );
    }
  }
}
