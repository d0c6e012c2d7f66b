import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LedgerConfig } from '@pujiang/ledger-client';
import { DataSource } from 'typeorm';
import { AnchoringConfig } from './anchoring.config';
import { BatchingRule, isBatchReady, sealBatch } from './domain/batching-rule';

interface WaitingItem {
  item_id: string;
  digest: string;
  waited_ms: string;
}

/**
 * Gathers its organisation's waiting digests into batches with their Merkle
 * root: a batch holds only items its submitter vouches for. Items are locked
 * with SKIP LOCKED and the batch row and the items' batch id commit together,
 * so an item lands in exactly one batch even with several sealers.
 */
@Injectable()
export class BatchSealer {
  private readonly rule: BatchingRule;
  private readonly mspId: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: AnchoringConfig,
    ledger: LedgerConfig,
  ) {
    this.mspId = ledger.FABRIC_MSP_ID;
    this.rule = {
      maxEvents: config.ANCHOR_BATCH_MAX_EVENTS,
      maxWaitMs: config.ANCHOR_BATCH_MAX_WAIT_MS,
    };
  }

  /** Seals up to `limit` batches that are ready now; returns how many it sealed. */
  async sealReady(limit: number): Promise<number> {
    let sealed = 0;
    while (sealed < limit && (await this.sealOne())) sealed++;
    return sealed;
  }

  private sealOne(): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      // Waiting time is measured on the database clock, which also stamped requested_at.
      const waiting: WaitingItem[] = await manager.query(
        `SELECT item_id, digest, (extract(epoch FROM now() - requested_at) * 1000)::bigint AS waited_ms
           FROM anchor_item
          WHERE batch_id IS NULL AND organisation = $2
          ORDER BY requested_at, item_id
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [this.rule.maxEvents, this.mspId],
      );
      const oldestWaitedMs = Number(waiting[0]?.waited_ms ?? 0);
      if (!isBatchReady(waiting.length, oldestWaitedMs, this.rule)) return false;
      const batch = sealBatch(
        randomUUID(),
        waiting.map((row) => ({ itemId: row.item_id, digest: row.digest })),
      );
      await manager.query(
        `INSERT INTO anchor_batch (batch_id, merkle_root, items, status) VALUES ($1, $2, $3, 'pending')`,
        [batch.batchId, batch.merkleRoot, JSON.stringify(batch.items)],
      );
      await manager.query(`UPDATE anchor_item SET batch_id = $1 WHERE item_id = ANY($2::uuid[])`, [
        batch.batchId,
        batch.items.map((item) => item.itemId),
      ]);
      return true;
    });
  }
}
