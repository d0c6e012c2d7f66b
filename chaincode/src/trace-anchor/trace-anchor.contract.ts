import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  AnchoredBatch,
  BATCH_ID_PATTERN,
  LedgerErrorCode,
  SHA256_HEX_PATTERN,
  TRACE_ANCHOR_CONTRACT,
  TraceAnchorEvent,
  ledgerErrorMessage,
} from '../../../libs/contracts/src/ledger';
import { canonicalJson } from '../../../libs/standards/src';
import { transactionTime } from '../transaction-time';

const BATCH_KEY_TYPE = 'trace.batch';
const MAX_EVENTS_PER_BATCH = 100_000;

/**
 * Anchors batches of traceability event hashes: the ledger keeps only a Merkle
 * root per batch, so no commercial data leaves the submitting organisation.
 * A batch id is accepted once; a replayed submission is refused, which makes
 * the ledger service's retries harmless.
 */
@Info({ title: TRACE_ANCHOR_CONTRACT, description: 'Merkle roots of traceability event batches' })
export class TraceAnchorContract extends Contract {
  constructor() {
    super(TRACE_ANCHOR_CONTRACT);
  }

  @Transaction()
  @Returns('string')
  async anchorBatch(
    ctx: Context,
    batchId: string,
    merkleRoot: string,
    eventCount: string,
  ): Promise<string> {
    const count = parseEventCount(eventCount);
    if (!BATCH_ID_PATTERN.test(batchId)) {
      throw new Error(ledgerErrorMessage(LedgerErrorCode.invalidArgument, 'batchId is malformed'));
    }
    if (!SHA256_HEX_PATTERN.test(merkleRoot)) {
      throw new Error(
        ledgerErrorMessage(LedgerErrorCode.invalidArgument, 'merkleRoot must be 64 lower-case hex'),
      );
    }
    const key = ctx.stub.createCompositeKey(BATCH_KEY_TYPE, [batchId]);
    const existing = await ctx.stub.getState(key);
    if (existing.length > 0) {
      throw new Error(
        ledgerErrorMessage(LedgerErrorCode.alreadyExists, `batch ${batchId} is already anchored`),
      );
    }
    const batch: AnchoredBatch = {
      batchId,
      merkleRoot,
      eventCount: count,
      submitterMspId: ctx.clientIdentity.getMSPID(),
      txId: ctx.stub.getTxID(),
      anchoredAt: transactionTime(ctx),
    };
    const json = canonicalJson(batch);
    await ctx.stub.putState(key, Buffer.from(json));
    ctx.stub.setEvent(TraceAnchorEvent.batchAnchored, Buffer.from(json));
    return json;
  }

  @Transaction(false)
  @Returns('string')
  async readBatch(ctx: Context, batchId: string): Promise<string> {
    const key = ctx.stub.createCompositeKey(BATCH_KEY_TYPE, [batchId]);
    const stored = await ctx.stub.getState(key);
    if (stored.length === 0) {
      throw new Error(ledgerErrorMessage(LedgerErrorCode.notFound, `batch ${batchId} not found`));
    }
    return Buffer.from(stored).toString('utf8');
  }
}

function parseEventCount(raw: string): number {
  if (!/^[1-9][0-9]{0,5}$/.test(raw) || Number(raw) > MAX_EVENTS_PER_BATCH) {
    throw new Error(
      ledgerErrorMessage(
        LedgerErrorCode.invalidArgument,
        `eventCount must be an integer from 1 to ${MAX_EVENTS_PER_BATCH}`,
      ),
    );
  }
  return Number(raw);
}
