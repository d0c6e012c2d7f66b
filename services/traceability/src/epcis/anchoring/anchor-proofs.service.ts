import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AnchoredBatch,
  LedgerErrorCode,
  TRACE_ANCHOR_CONTRACT,
  TraceAnchorTransaction,
} from '@pujiang/contracts';
import { EventHashContext, eventHashDigest, eventHashId } from '@pujiang/epcis';
import { ProblemException } from '@pujiang/http';
import { LedgerGateway, LedgerRefusalError, LedgerUnavailableError } from '@pujiang/ledger-client';
import { ProofStep } from '@pujiang/merkle';
import { DataSource } from 'typeorm';
import { findEvent } from '../events/find-event';
import { AnchorVerdict, StoredAnchor, verifyAnchor } from './domain/anchor-proof';

interface AnchorRow {
  event_id: string;
  event_hash: string;
  document: Record<string, unknown>;
  context: EventHashContext;
  capturing_organisation: string;
  anchor_status: 'pending' | 'anchored';
  batch_id: string | null;
  leaf_index: number | null;
  merkle_proof: ProofStep[] | null;
  merkle_root: string | null;
  tx_id: string | null;
  block_number: string | null;
  anchored_at: Date | null;
  anchored_by: string | null;
}

export interface AnchorProofView {
  eventID: string;
  eventHash: string;
  anchorStatus: 'pending' | 'anchored';
  verified: boolean;
  anchor?: StoredAnchor;
  /**
   * The batch as the ledger holds it, read now: the organisation that
   * submitted it (submitterMspId) and the ledger's time of the anchoring
   * transaction (anchoredAt). Null if the ledger has no such batch.
   */
  ledger?: AnchoredBatch | null;
  checks?: AnchorVerdict;
}

/**
 * An event's inclusion proof and whether it holds now: the event is re-hashed
 * from the database, and the batch is read from the ledger through this
 * organisation's peer, never from our own tables, under the organisation that
 * anchored it, which must be the organisation that captured the event.
 */
@Injectable()
export class AnchorProofs {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerGateway,
  ) {}

  async prove(eventID: string): Promise<AnchorProofView> {
    const row = await findEvent<AnchorRow>(
      this.dataSource,
      eventID,
      `event_id, event_hash, document, context, capturing_organisation, anchor_status,
       batch_id, leaf_index, merkle_proof, merkle_root, tx_id, block_number, anchored_at,
       anchored_by`,
    );
    const base = { eventID: row.event_id, eventHash: row.event_hash };
    const anchor = storedAnchor(row);
    if (anchor === undefined) return { ...base, anchorStatus: 'pending', verified: false };

    const ledger =
      anchor.anchoredBy === null ? null : await this.readBatch(anchor.anchoredBy, anchor.batchId);
    const event = {
      capturedHashDigest: eventHashDigest(row.event_hash),
      recomputedHashDigest: eventHashDigest(eventHashId(row.document, row.context)),
      capturingOrganisation: row.capturing_organisation,
    };
    const checks = verifyAnchor(event, anchor, ledger);
    return { ...base, anchorStatus: 'anchored', verified: checks.verified, anchor, ledger, checks };
  }

  private async readBatch(submitterMspId: string, batchId: string): Promise<AnchoredBatch | null> {
    try {
      const json = await this.ledger.evaluate({
        contract: TRACE_ANCHOR_CONTRACT,
        transaction: TraceAnchorTransaction.readBatch,
        args: [submitterMspId, batchId],
      });
      return JSON.parse(json) as AnchoredBatch;
    } catch (error) {
      if (error instanceof LedgerRefusalError && error.code === LedgerErrorCode.notFound)
        return null;
      if (error instanceof LedgerUnavailableError) {
        throw new ProblemException(
          HttpStatus.SERVICE_UNAVAILABLE,
          'The ledger cannot be reached to verify the proof; try again shortly',
        );
      }
      throw error;
    }
  }
}

function storedAnchor(row: AnchorRow): StoredAnchor | undefined {
  if (
    row.anchor_status !== 'anchored' ||
    row.batch_id === null ||
    row.leaf_index === null ||
    row.merkle_proof === null ||
    row.merkle_root === null ||
    row.tx_id === null ||
    row.block_number === null ||
    row.anchored_at === null
  ) {
    return undefined;
  }
  return {
    batchId: row.batch_id,
    leafIndex: row.leaf_index,
    proof: row.merkle_proof,
    merkleRoot: row.merkle_root,
    txId: row.tx_id,
    blockNumber: Number(row.block_number),
    anchoredAt: row.anchored_at.toISOString(),
    anchoredBy: row.anchored_by,
  };
}
