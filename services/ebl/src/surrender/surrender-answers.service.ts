import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EblAction, EblRecord, EblStatus, LedgerErrorCode } from '@pujiang/contracts';
import { ProblemException } from '@pujiang/http';
import { LedgerRefusalError, problemFromLedger } from '@pujiang/ledger-client';
import { DataSource } from 'typeorm';
import { EblPlatform } from '../platform/ebl-platform';
import { EblLedger } from '../transport-documents/ebl-ledger';
import { TransportDocumentStore } from '../transport-documents/transport-document.store';
import { SurrenderAnswerDto } from './surrender-answer.dto';

interface OpenRequest {
  transport_document_reference: string;
  status: string;
  issuing_carrier: string | null;
}

/**
 * Applies a carrier's SURR / SREJ: the chaincode moves the document (SACC, or
 * SREJ giving possession back), then the request is closed. A carrier
 * repeating an answer whose ledger step already committed is completed, not
 * refused; answering twice differently is a 409 as DCSA asks.
 */
@Injectable()
export class SurrenderAnswers {
  constructor(
    private readonly ledger: EblLedger,
    private readonly store: TransportDocumentStore,
    private readonly platform: EblPlatform,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async record(carrierCode: string, answer: SurrenderAnswerDto): Promise<void> {
    const rows: OpenRequest[] = await this.dataSource.query(
      `SELECT r.transport_document_reference, r.status, d.issuing_carrier
         FROM surrender_request r JOIN transport_document d USING (transport_document_reference)
        WHERE r.surrender_request_reference::text = $1`,
      [answer.surrenderRequestReference],
    );
    const request = rows[0];
    if (request === undefined || request.issuing_carrier !== carrierCode) {
      throw new ProblemException(
        404,
        `no surrender request ${answer.surrenderRequestReference} for this carrier`,
      );
    }
    if (request.status !== 'REQUESTED') {
      throw new ProblemException(
        409,
        `surrender request ${answer.surrenderRequestReference} was already answered`,
      );
    }
    const carrier = this.platform.carrier(carrierCode);
    if (carrier === undefined) throw new ProblemException(403, 'carrier not registered');
    const reference = request.transport_document_reference;
    const action = answer.action === 'SURR' ? EblAction.acceptSurrender : EblAction.rejectSurrender;
    const record = await this.ledger
      .act(carrier.party, reference, action, '', answer.comments ?? '')
      .then((change) => change.record)
      .catch((error: unknown) => this.alreadyApplied(error, reference, action));
    await this.dataSource.transaction(async (manager) => {
      await this.store.applyRecord(manager, record);
      await manager.query(
        `UPDATE surrender_request SET status = $2, answered_at = now()
          WHERE surrender_request_reference::text = $1 AND status = 'REQUESTED'`,
        [answer.surrenderRequestReference, answer.action === 'SURR' ? 'ACCEPTED' : 'REJECTED'],
      );
    });
  }

  private async alreadyApplied(
    error: unknown,
    reference: string,
    action: EblAction,
  ): Promise<EblRecord> {
    if (error instanceof LedgerRefusalError && error.code === LedgerErrorCode.invalidState) {
      const record = await this.ledger.read(reference);
      const last = record?.chain[record.chain.length - 1];
      const settled: readonly EblStatus[] = [
        EblStatus.surrendered,
        EblStatus.surrenderedForAmendment,
      ];
      if (
        record !== undefined &&
        last?.action === action &&
        (action !== EblAction.acceptSurrender || settled.includes(record.status))
      ) {
        return record;
      }
    }
    throw problemFromLedger(error);
  }
}
