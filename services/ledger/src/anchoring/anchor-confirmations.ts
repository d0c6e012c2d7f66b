import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import {
  AnchorCommittedV1,
  AnchoredBatch,
  EventType,
  Topic,
  TraceAnchorEvent,
} from '@pujiang/contracts';
import { ChaincodeEventListener, LedgerConfig, LedgerEvent } from '@pujiang/ledger-client';
import { Outbox, createCloudEvent } from '@pujiang/messaging';
import { EntityManager } from 'typeorm';
import { AnchorBatch } from './anchor-batch.entity';
import { AnchoringTraces } from './anchoring-traces';
import { canMoveBatch } from './domain/anchor-batch-status';

export const CONFIRMATIONS_LISTENER = 'ledger.anchor-confirmations';

/**
 * Confirms batches from the chaincode's BatchAnchored events (block number
 * and tx id straight from the ledger) and announces them through the outbox,
 * in the transaction that also moves the event checkpoint.
 */
@Injectable()
export class AnchorConfirmations implements OnApplicationBootstrap {
  private readonly logger = new Logger(AnchorConfirmations.name);
  private readonly mspId: string;

  constructor(
    private readonly events: ChaincodeEventListener,
    private readonly outbox: Outbox,
    private readonly traces: AnchoringTraces,
    ledger: LedgerConfig,
  ) {
    this.mspId = ledger.FABRIC_MSP_ID;
  }

  onApplicationBootstrap(): void {
    this.events.listen({
      listener: CONFIRMATIONS_LISTENER,
      handle: (event, manager) => this.confirm(event, manager),
    });
  }

  private async confirm(event: LedgerEvent, manager: EntityManager): Promise<void> {
    if (event.eventName !== TraceAnchorEvent.batchAnchored) return;
    const anchored = JSON.parse(event.payload) as AnchoredBatch;
    // Other organisations' batches are not ours to confirm, even under one of our batch ids.
    if (anchored.submitterMspId !== this.mspId) return;
    const batch = await manager.findOneBy(AnchorBatch, { batchId: anchored.batchId });
    if (batch === null || !canMoveBatch(batch.status, 'anchored')) return;
    // In the batch's trace, logged with its requests' correlation ids (AnchoringTraces).
    await this.traces.confirmation(batch.batchId, event.eventName, () =>
      this.announce(batch, anchored, event, manager),
    );
  }

  private async announce(
    batch: AnchorBatch,
    anchored: AnchoredBatch,
    event: LedgerEvent,
    manager: EntityManager,
  ): Promise<void> {
    if (batch.merkleRoot !== anchored.merkleRoot) {
      this.logger.error(
        { batchId: batch.batchId, ours: batch.merkleRoot, ledger: anchored.merkleRoot },
        'the ledger holds a different root under our batch id',
      );
      return;
    }
    await manager.update(
      AnchorBatch,
      { batchId: batch.batchId },
      {
        status: 'anchored',
        txId: event.txId,
        blockNumber: event.blockNumber.toString(),
        anchoredAt: new Date(anchored.anchoredAt),
      },
    );
    const data: AnchorCommittedV1 = {
      batchId: batch.batchId,
      submitterMspId: anchored.submitterMspId,
      merkleRoot: batch.merkleRoot,
      items: batch.items,
      txId: event.txId,
      blockNumber: Number(event.blockNumber),
      anchoredAt: anchored.anchoredAt,
    };
    await this.outbox.enqueue(manager, {
      topic: Topic.anchorCommitted,
      key: batch.batchId,
      event: createCloudEvent({
        id: `anchor-committed:${batch.batchId}`,
        source: '/pujiang/ledger',
        type: EventType.anchorCommitted,
        subject: batch.batchId,
        data,
      }),
    });
    this.logger.log(
      { batchId: batch.batchId, txId: event.txId, blockNumber: data.blockNumber },
      'batch anchored; anchor-committed announced',
    );
  }
}
