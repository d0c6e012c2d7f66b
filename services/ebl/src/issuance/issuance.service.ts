import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LedgerErrorCode } from '@pujiang/contracts';
import { ProblemException } from '@pujiang/http';
import { LedgerRefusalError, problemFromLedger } from '@pujiang/ledger-client';
import { canonicalSha256 } from '@pujiang/standards';
import { bytesChecksum } from '@pujiang/dcsa';
import { DataSource, EntityManager } from 'typeorm';
import { Deliveries } from '../delivery/deliveries';
import { httpDelivery } from '../delivery/http-delivery';
import { TRADER_ROLE } from '../platform/acting-party';
import { Carrier, Party } from '../platform/directory';
import { requireDcsa } from '../platform/dcsa-problems';
import { EblPlatform } from '../platform/ebl-platform';
import { EblLedger, LedgerChange } from '../transport-documents/ebl-ledger';
import { TransportDocumentStore } from '../transport-documents/transport-document.store';
import { AdditionalDocumentStore } from '../transport-documents/additional-document.store';
import { decodeBase64Content } from '../signing';
import { IssuanceVerdict, judgeIssuance } from './domain/issuance-verdict';
import { IssuanceRequest } from './domain/issuance-types';

/**
 * A carrier's issuance request: checked (schema, the carrier's signed
 * manifest, who it is issued to), issued on the ledger under the carrier's
 * own identity, and answered through the delivery queue. The 204 is given
 * only once the verdict and the answer owed are both stored, so a crash
 * never loses an issued eBL or its ISSU.
 */
@Injectable()
export class IssuanceService {
  constructor(
    private readonly ledger: EblLedger,
    private readonly store: TransportDocumentStore,
    private readonly deliveries: Deliveries,
    private readonly platform: EblPlatform,
    private readonly documents: AdditionalDocumentStore,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async receive(carrierCode: string, body: unknown): Promise<void> {
    requireDcsa('issuanceRequest', body);
    const request = body as IssuanceRequest;
    const carrier = this.platform.carrier(carrierCode);
    if (carrier === undefined) throw new ProblemException(403, 'carrier not registered');
    const reference = request.document.transportDocumentReference;
    const requestChecksum = canonicalSha256(request);
    await this.refuseRepeat(reference, requestChecksum);

    const verdict = await judgeIssuance(request, {
      carrierCode,
      carrierKey: carrier.publicKey,
      platformCode: this.platform.code,
      issueTo: (codes) => this.platform.parties.partyIdentifiedBy(codes),
      mayHold: (party) => party.roles.includes(TRADER_ROLE),
    });
    if (verdict.code !== 'ISSU') {
      await this.dataSource.transaction((manager) =>
        this.answer(manager, carrier, reference, requestChecksum, verdict),
      );
      return;
    }
    const change = await this.issueOnLedger(carrier, request, verdict.holder);
    await this.dataSource.transaction(async (manager) => {
      await this.store.saveDocument(manager, {
        transportDocumentReference: reference,
        document: request.document,
        documentChecksum: change.record.documentChecksum,
        issuingCarrier: carrierCode,
        envelopeTransferChain: [],
        issuanceManifestSignedContent: request.issuanceManifestSignedContent ?? null,
      });
      await this.keepVisualisation(manager, reference, request);
      await this.store.applyRecord(manager, change.record);
      await this.answer(manager, carrier, reference, requestChecksum, verdict);
    });
  }

  /** The carrier's visualisation travels with the eBL to every later holder (PINT). */
  private async keepVisualisation(
    manager: EntityManager,
    reference: string,
    request: IssuanceRequest,
  ): Promise<void> {
    const visualisation = request.eBLVisualisationByCarrier;
    // Its Base64 and its checksum were checked against the carrier's signed manifest.
    const content =
      visualisation === undefined ? undefined : decodeBase64Content(visualisation.content);
    if (visualisation === undefined || content === undefined || content.byteLength === 0) return;
    await this.documents.add(
      manager,
      reference,
      'VISUALISATION',
      {
        name: visualisation.name,
        mediaType: visualisation.contentType ?? 'application/pdf',
        size: content.byteLength,
        documentChecksum: bytesChecksum(content),
      },
      content,
    );
  }

  /** DCSA: a reference is issued at most once; a refused request may be corrected and sent again. */
  private async refuseRepeat(reference: string, requestChecksum: string): Promise<void> {
    const rows: { outcome: string; request_checksum: string }[] = await this.dataSource.query(
      `SELECT outcome, request_checksum FROM issuance_request WHERE transport_document_reference = $1`,
      [reference],
    );
    if (rows[0]?.outcome === 'ISSU') {
      const same = rows[0].request_checksum === requestChecksum;
      throw new ProblemException(
        409,
        same
          ? `transport document ${reference} is already issued; this request changes nothing`
          : `transport document reference ${reference} was already used for another issued document`,
      );
    }
  }

  private async issueOnLedger(
    carrier: Carrier,
    request: IssuanceRequest,
    holder: Party,
  ): Promise<LedgerChange> {
    const reference = request.document.transportDocumentReference;
    const checksum = canonicalSha256(request.document);
    const replaced: { transport_document_reference: string }[] = await this.dataSource.query(
      `SELECT transport_document_reference FROM ebl_state WHERE record->>'replacedBy' = $1`,
      [reference],
    );
    try {
      return await this.ledger.issue(carrier.party, {
        transportDocumentReference: reference,
        documentChecksum: checksum,
        isToOrder: request.document.isToOrder,
        holder,
        replaces: replaced[0]?.transport_document_reference,
      });
    } catch (error) {
      // Issued on the ledger by an earlier attempt that failed before storing: finish it.
      if (error instanceof LedgerRefusalError && error.code === LedgerErrorCode.alreadyExists) {
        const record = await this.ledger.read(reference);
        if (record?.documentChecksum === checksum && record.chain.length === 1) {
          return { record, txId: record.lastTxId, blockNumber: 0n };
        }
        throw new ProblemException(
          409,
          `transport document reference ${reference} is already on the ledger`,
        );
      }
      throw problemFromLedger(error);
    }
  }

  private async answer(
    manager: EntityManager,
    carrier: Carrier,
    reference: string,
    requestChecksum: string,
    verdict: IssuanceVerdict<Party>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO issuance_request (transport_document_reference, request_checksum, carrier_code, outcome)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (transport_document_reference) DO UPDATE
         SET request_checksum = EXCLUDED.request_checksum, outcome = EXCLUDED.outcome, received_at = now()`,
      [reference, requestChecksum, carrier.carrierCode, verdict.code],
    );
    await this.deliveries.enqueue(
      manager,
      httpDelivery(
        `${carrier.endpoint}/v3/ebl-issuance-responses`,
        carrier.carrierCode,
        verdict.response,
      ),
    );
  }
}
