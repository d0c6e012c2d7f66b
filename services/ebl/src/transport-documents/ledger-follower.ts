import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EblChangedV1, EblEvent, EblRecord, EventType, Topic } from '@pujiang/contracts';
import { ChaincodeEventListener, LedgerEvent } from '@pujiang/ledger-client';
import { Outbox, createCloudEvent } from '@pujiang/messaging';
import { EntityManager } from 'typeorm';
import { EblPlatform } from '../platform/ebl-platform';
import { TransportDocumentStore } from './transport-document.store';

export const EBL_READ_MODEL_LISTENER = 'ebl-read-model';

/**
 * Keeps the read model on the ledger's word: every committed change of an
 * eBL on this platform, from a checkpoint, so changes made by another
 * replica, or committed while this one was down, are not missed. Each change
 * is also announced on `ebl.changed` (for the supervision monitors) through
 * the outbox, in the transaction that moves the checkpoint, so none is lost
 * or sent twice with another id.
 */
@Injectable()
export class LedgerFollower implements OnApplicationBootstrap {
  constructor(
    private readonly listener: ChaincodeEventListener,
    private readonly store: TransportDocumentStore,
    private readonly platform: EblPlatform,
    private readonly outbox: Outbox,
  ) {}

  onApplicationBootstrap(): void {
    this.listener.listen({
      listener: EBL_READ_MODEL_LISTENER,
      handle: (event, manager) => this.apply(event, manager),
    });
  }

  async apply(event: LedgerEvent, manager: EntityManager): Promise<void> {
    if (event.eventName !== EblEvent.changed) return;
    const record = JSON.parse(event.payload) as EblRecord;
    if (record.platform !== this.platform.mspId) return;
    await this.store.applyRecord(manager, record);
    const data: EblChangedV1 = {
      transportDocumentReference: record.transportDocumentReference,
      platform: record.platform,
      status: record.status,
      txId: event.txId,
      changedAt: record.updatedAt,
    };
    await this.outbox.enqueue(manager, {
      topic: Topic.eblChanged,
      key: record.transportDocumentReference,
      event: createCloudEvent({
        id: `ebl-changed:${event.txId}`,
        source: '/pujiang/ebl',
        type: EventType.eblChanged,
        subject: record.transportDocumentReference,
        data,
      }),
    });
  }
}
