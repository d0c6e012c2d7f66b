import { problemFromLedger } from '@pujiang/ledger-client';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EblAction, EblRecord } from '@pujiang/contracts';
import { ProblemException } from '@pujiang/http';
import { DataSource, EntityManager } from 'typeorm';
import { Deliveries } from '../delivery/deliveries';
import { Party } from '../platform/directory';
import { EblPlatform } from '../platform/ebl-platform';
import { surrenderRequestDelivery } from '../surrender/surrender-request';
import { EblLedger, LedgerChange } from './ebl-ledger';
import { TransportDocumentStore, partiesOf } from './transport-document.store';

export interface ActionRequest {
  action: EblAction;
  recipientPartyId?: string;
  reasonCode?: string;
  comments?: string;
}

const SURRENDERS: readonly EblAction[] = [
  EblAction.surrenderForDelivery,
  EblAction.surrenderForAmendment,
];

/**
 * A party's action on a document: decided by the chaincode under the party's
 * own identity, then reflected in the read model together with whatever the
 * action owes the carrier (a surrender request), in one transaction.
 */
@Injectable()
export class TransportDocumentActions {
  constructor(
    private readonly ledger: EblLedger,
    private readonly store: TransportDocumentStore,
    private readonly deliveries: Deliveries,
    private readonly platform: EblPlatform,
    private readonly dataSource: DataSource,
  ) {}

  async perform(actor: Party, reference: string, request: ActionRequest): Promise<EblRecord> {
    // Only parties of the document reach the ledger: anyone else learns
    // neither that it exists nor its status (same 404 as for reads).
    const doc = await this.store.find(this.dataSource.manager, reference);
    if (doc?.record == null || !partiesOf(doc.record).includes(actor.ledgerParty)) {
      throw new ProblemException(404, `no transport document ${reference} for this party`);
    }
    const recipient = this.recipientOf(request);
    const detail = SURRENDERS.includes(request.action) ? (request.reasonCode ?? '') : '';
    let change: LedgerChange;
    try {
      change = await this.ledger.act(actor, reference, request.action, recipient, detail);
    } catch (error) {
      throw problemFromLedger(error);
    }
    await this.dataSource.transaction(async (manager) => {
      await this.store.applyRecord(manager, change.record);
      if (SURRENDERS.includes(request.action)) {
        await this.owesSurrenderRequest(manager, actor, change.record, request);
      }
    });
    return change.record;
  }

  private recipientOf(request: ActionRequest): string {
    if (request.recipientPartyId === undefined) return '';
    const party = this.platform.parties.party(request.recipientPartyId);
    if (party === undefined) {
      throw new ProblemException(
        422,
        `recipientPartyId ${request.recipientPartyId} is not a party of this platform`,
      );
    }
    return party.ledgerParty;
  }

  private async owesSurrenderRequest(
    manager: EntityManager,
    actor: Party,
    record: EblRecord,
    request: ActionRequest,
  ): Promise<void> {
    const doc = await this.store.find(manager, record.transportDocumentReference);
    const carrier =
      doc?.issuingCarrier == null ? undefined : this.platform.carrier(doc.issuingCarrier);
    if (carrier === undefined) return; // imported from another platform: the carrier is not ours to call
    const reference = randomUUID();
    const code = request.action === EblAction.surrenderForDelivery ? 'SREQ' : 'AREQ';
    await manager.query(
      `INSERT INTO surrender_request (surrender_request_reference, transport_document_reference,
          surrender_request_code, requested_by, status)
       VALUES ($1, $2, $3, $4, 'REQUESTED')`,
      [reference, record.transportDocumentReference, code, actor.ledgerParty],
    );
    await this.deliveries.enqueue(
      manager,
      surrenderRequestDelivery({
        carrier,
        surrenderRequestReference: reference,
        surrenderRequestCode: code,
        record,
        requester: actor,
        platform: this.platform,
        reasonCode: request.reasonCode,
        comments: request.comments,
      }),
    );
  }
}
