import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EblStatus } from '@pujiang/contracts';
import { bytesChecksum } from '@pujiang/dcsa';
import { ProblemException } from '@pujiang/http';
import { DataSource } from 'typeorm';
import { Party } from '../platform/directory';
import { decodeBase64Content } from '../signing';
import { AdditionalDocumentStore, HeldAdditionalDocument } from './additional-document.store';
import { SupportingDocumentDto } from './supporting-document.dto';
import { TransportDocumentStore } from './transport-document.store';

/** The largest supporting document a holder may attach: PINT sends each in one request. */
export const MAX_SUPPORTING_DOCUMENT_BYTES = 2 * 1024 * 1024;

/**
 * A holder attaches supporting documents to the eBL it holds here, while it holds it and
 * before it sends it on: an envelope on its way announces the documents it had then.
 */
@Injectable()
export class SupportingDocuments {
  constructor(
    private readonly store: TransportDocumentStore,
    private readonly documents: AdditionalDocumentStore,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async attach(
    holder: Party,
    reference: string,
    body: SupportingDocumentDto,
  ): Promise<HeldAdditionalDocument> {
    await this.held(holder, reference, true);
    const content = decodeBase64Content(body.content);
    if (content === undefined || content.byteLength === 0) {
      throw new ProblemException(400, 'content must be a non-empty Base64 document');
    }
    if (content.byteLength > MAX_SUPPORTING_DOCUMENT_BYTES) {
      throw new ProblemException(
        400,
        `content is ${content.byteLength} bytes; at most ${MAX_SUPPORTING_DOCUMENT_BYTES} may be attached`,
      );
    }
    const document: HeldAdditionalDocument = {
      kind: 'SUPPORTING',
      name: body.name,
      size: content.byteLength,
      mediaType: body.mediaType,
      documentChecksum: bytesChecksum(content),
    };
    await this.documents.add(this.dataSource.manager, reference, 'SUPPORTING', document, content);
    return document;
  }

  async list(holder: Party, reference: string): Promise<HeldAdditionalDocument[]> {
    await this.held(holder, reference, false);
    return this.documents.list(this.dataSource.manager, reference);
  }

  /** Same answer for "absent" and "not yours", so references cannot be probed. */
  private async held(holder: Party, reference: string, toChange: boolean): Promise<void> {
    const doc = await this.store.find(this.dataSource.manager, reference);
    if (doc?.record == null || doc.record.holder !== holder.ledgerParty) {
      throw new ProblemException(404, `no transport document ${reference} held by this party`);
    }
    if (toChange && doc.record.status === EblStatus.exportPending) {
      throw new ProblemException(
        409,
        `transport document ${reference} is on its way to another platform; its documents are fixed`,
      );
    }
  }
}
