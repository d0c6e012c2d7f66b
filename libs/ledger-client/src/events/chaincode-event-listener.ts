import { Injectable, Logger, BeforeApplicationShutdown } from '@nestjs/common';
import { CloseableAsyncIterable, ChaincodeEvent } from '@hyperledger/fabric-gateway';
import { PollingLoop, RetryBackoff } from '@pujiang/polling';
import { DataSource, EntityManager } from 'typeorm';
import { LedgerGateway } from '../ledger-gateway';
import { DatabaseCheckpoint } from './chaincode-event-checkpoint';

export interface LedgerEvent {
  eventName: string;
  payload: string;
  txId: string;
  blockNumber: bigint;
}

export interface ChaincodeEventSubscription {
  /** Names the checkpoint; one per listener and service. */
  listener: string;
  /** Where to start when no checkpoint exists yet. */
  startBlock?: bigint;
  /** Runs in the transaction that also saves the checkpoint. */
  handle: (event: LedgerEvent, manager: EntityManager) => Promise<void>;
}

/**
 * Follows the chaincode's events from a checkpoint in the database, and
 * reconnects from the same checkpoint when the peer goes away.
 */
@Injectable()
export class ChaincodeEventListener implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ChaincodeEventListener.name);
  private readonly streams = new Set<CloseableAsyncIterable<ChaincodeEvent>>();
  private readonly loops: PollingLoop[] = [];
  private running = true;

  constructor(
    private readonly ledger: LedgerGateway,
    private readonly dataSource: DataSource,
  ) {}

  listen(subscription: ChaincodeEventSubscription): void {
    if (!this.running) return;
    const backoff = new RetryBackoff(500, 15_000);
    const loop = new PollingLoop({
      round: async () => {
        await this.follow(subscription, backoff);
        return 0;
      },
      backoff,
      onError: (error, retryInMs) => {
        // A stream closed for shutdown is no interruption.
        if (!this.running) return;
        this.logger.warn(
          { err: error, listener: subscription.listener, retryInMs },
          'chaincode event stream interrupted; resuming from checkpoint',
        );
      },
    });
    this.loops.push(loop);
    loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    const stopped = this.loops.map((loop) => loop.stop());
    for (const stream of this.streams) stream.close();
    await Promise.all(stopped);
  }

  /** Follows the stream from the checkpoint until it ends or fails; each applied event resets the back-off. */
  private async follow(
    subscription: ChaincodeEventSubscription,
    backoff: RetryBackoff,
  ): Promise<void> {
    let stream: CloseableAsyncIterable<ChaincodeEvent> | undefined;
    try {
      const checkpoint = await DatabaseCheckpoint.load(
        this.dataSource.manager,
        subscription.listener,
      );
      stream = await this.ledger.network.getChaincodeEvents(
        this.ledger.chaincodeName,
        checkpoint.isEmpty() ? { startBlock: subscription.startBlock ?? 0n } : { checkpoint },
      );
      this.streams.add(stream);
      for await (const event of stream) {
        await this.apply(subscription, event);
        backoff.reset();
      }
    } finally {
      if (stream !== undefined) {
        stream.close();
        this.streams.delete(stream);
      }
    }
  }

  private async apply(subscription: ChaincodeEventSubscription, event: ChaincodeEvent) {
    await this.dataSource.transaction(async (manager) => {
      await subscription.handle(
        {
          eventName: event.eventName,
          payload: Buffer.from(event.payload).toString('utf8'),
          txId: event.transactionId,
          blockNumber: event.blockNumber,
        },
        manager,
      );
      await DatabaseCheckpoint.save(
        manager,
        subscription.listener,
        event.blockNumber,
        event.transactionId,
      );
    });
  }
}
