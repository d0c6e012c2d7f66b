import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EblEvent, EblRecord } from '@pujiang/contracts';
import { ChaincodeEventListener, LedgerEvent } from '@pujiang/ledger-client';
import { EntityManager } from 'typeorm';
import { EblPlatform } from '../platform/ebl-platform';
import { TransportDocumentStore } from './transport-document.store';

export const EBL_READ_MODEL_LISTENER = 'ebl-read-model';

/**
 * Keeps the read model on the ledger's word: every committed change of an
 * eBL on this platform, from a checkpoint, so changes made by another
 * replica, or committed while this one was down, are not missed.
 */
@Injectable()
export class LedgerFollower implements OnApplicationBootstrap {
  constructor(
    private readonly listener: ChaincodeEventListener,
    private readonly store: TransportDocumentStore,
    private readonly platform: EblPlatform,
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
  }
}
