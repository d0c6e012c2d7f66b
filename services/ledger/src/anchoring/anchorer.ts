import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  BeforeApplicationShutdown,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LedgerErrorCode, TRACE_ANCHOR_CONTRACT, TraceAnchorTransaction } from '@pujiang/contracts';
import { LedgerGateway, LedgerRefusalError } from '@pujiang/ledger-client';
import { PollingLoop, RetryBackoff } from '@pujiang/polling';
import { Repository } from 'typeorm';
import { AnchorBatch } from './anchor-batch.entity';
import { AnchoringConfig } from './anchoring.config';
import { AnchoringTraces } from './anchoring-traces';
import { BatchSealer } from './batch-sealer';
import { waitAfterRound } from './domain/anchoring-round';

const POLL_MS = 200;

/**
 * Seals waiting digests into batches and submits them to the TraceAnchor
 * chaincode, one transaction per batch, signed by the organisation's
 * anchoring identity. One anchorer runs per organisation (see
 * docs/decisions/0003 and 0013); a replayed batch is refused by the chaincode
 * as ALREADY_EXISTS (batch ids are per organisation), which counts as submitted.
 *
 * Each round submits up to ANCHOR_IN_FLIGHT_BATCHES pending batches at once,
 * so they share the orderer's blocks, and meanwhile seals as many more for
 * the next round; a round ends when all of its submissions have settled, so
 * no batch is ever in flight twice from one anchorer (docs/decisions/0042).
 */
@Injectable()
export class Anchorer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(Anchorer.name);
  private loop?: PollingLoop;

  constructor(
    @InjectRepository(AnchorBatch) private readonly batches: Repository<AnchorBatch>,
    private readonly ledger: LedgerGateway,
    private readonly sealer: BatchSealer,
    private readonly traces: AnchoringTraces,
    private readonly config: AnchoringConfig,
  ) {}

  /** A new loop each time: bench/anchoring.ts stops the anchorer to gather a backlog, then starts it again. */
  onApplicationBootstrap(): void {
    this.loop = new PollingLoop({
      round: () => this.round(),
      backoff: new RetryBackoff(500, 30_000),
      onError: (error, retryInMs) =>
        this.logger.warn({ err: error, retryInMs }, 'anchoring paused; retrying'),
    });
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }

  /** One round: resolves to the wait before the next, or rejects once all of its work has settled. */
  async round(): Promise<number> {
    const inFlight = this.config.ANCHOR_IN_FLIGHT_BATCHES;
    const [sealed = 0, submitted = 0] = await settleAll([
      this.sealer.sealReady(inFlight),
      this.submitPending(inFlight),
    ]);
    return waitAfterRound({ sealed, submitted }, POLL_MS);
  }

  private async submitPending(inFlight: number): Promise<number> {
    const pending = await this.batches.find({
      where: { status: 'pending' },
      order: { createdAt: 'ASC' },
      take: inFlight,
    });
    await settleAll(pending.map((batch) => this.submit(batch)));
    return pending.length;
  }

  /** In the batch's span, logged with its requests' correlation ids (AnchoringTraces). */
  private submit(batch: AnchorBatch): Promise<void> {
    const itemIds = batch.items.map((item) => item.itemId);
    return this.traces.submission(batch.batchId, itemIds, () => this.submitOnce(batch));
  }

  private async submitOnce(batch: AnchorBatch): Promise<void> {
    try {
      const committed = await this.ledger.submit({
        contract: TRACE_ANCHOR_CONTRACT,
        transaction: TraceAnchorTransaction.anchorBatch,
        args: [batch.batchId, batch.merkleRoot, String(batch.items.length)],
      });
      await this.markSubmitted(batch.batchId, committed.txId);
      this.logger.log(
        { batchId: batch.batchId, items: batch.items.length, txId: committed.txId },
        'batch submitted to the ledger',
      );
    } catch (error) {
      // Only the chaincode's own refusal is final. Anything else (a gateway
      // that cannot endorse yet, a transaction invalidated for no stated
      // reason) pauses anchoring and the batch is tried again: refusing it
      // would leave its events unanchored for good.
      if (!(error instanceof LedgerRefusalError) || error.code === undefined) throw error;
      // FORBIDDEN refuses the identity, not the batch: anchoring waits for the
      // service to run as its organisation's anchoring identity.
      if (error.code === LedgerErrorCode.forbidden) throw error;
      if (error.code === LedgerErrorCode.alreadyExists) {
        await this.markSubmitted(batch.batchId, null);
        return;
      }
      this.logger.error({ batchId: batch.batchId, reason: error.message }, 'batch refused');
      await this.batches.update(
        { batchId: batch.batchId, status: 'pending' },
        { status: 'refused', lastError: error.message },
      );
    }
  }

  private async markSubmitted(batchId: string, txId: string | null): Promise<void> {
    await this.batches.update(
      { batchId, status: 'pending' },
      { status: 'submitted', ...(txId !== null ? { txId } : {}) },
    );
  }
}

/**
 * Like Promise.all, but waits for every promise before rejecting with the
 * first failure: a failed submission must not end the round while its
 * neighbours are still in flight, or the next round could send them again.
 */
async function settleAll<T>(work: readonly Promise<T>[]): Promise<T[]> {
  const outcomes = await Promise.allSettled(work);
  const values: T[] = [];
  for (const outcome of outcomes) {
    if (outcome.status === 'rejected') throw outcome.reason;
    values.push(outcome.value);
  }
  return values;
}
