import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { LedgerContract } from '../ledger-contract';
import {
  ANCHORER_ATTRIBUTE,
  AnchoredBatch,
  BATCH_ID_PATTERN,
  LedgerErrorCode,
  SHA256_HEX_PATTERN,
  TRACE_ANCHOR_CONTRACT,
  TraceAnchorEvent,
} from '../../../libs/contracts/src/ledger';
import { canonicalJson } from '../../../libs/standards/src';
import { parseMspId } from '../domain/ledger-names';
import { refuse } from '../domain/refusal';
import { transactionTime } from '../transaction-time';

const BATCH_KEY_TYPE = 'trace.batch';
const MAX_EVENTS_PER_BATCH = 100_000;

/**
 * Anchors batches of traceability event hashes: the ledger keeps only a Merkle
 * root per batch, so no commercial data leaves the submitting organisation.
 * Only an organisation's anchoring identity may anchor, and its batches are
 * its own: keyed by (organisation, batch id), so another organisation can
 * neither take our batch ids nor pass for us. A batch id is accepted once per
 * organisation; a replayed submission is refused, which makes the ledger
 * service's retries harmless.
 */
@Info({ title: TRACE_ANCHOR_CONTRACT, description: 'Merkle roots of traceability event batches' })
export class TraceAnchorContract extends LedgerContract {
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
    assertAnchorer(ctx);
    const count = parseEventCount(eventCount);
    if (!BATCH_ID_PATTERN.test(batchId)) {
      refuse(LedgerErrorCode.invalidArgument, 'batchId is malformed');
    }
    if (!SHA256_HEX_PATTERN.test(merkleRoot)) {
      refuse(LedgerErrorCode.invalidArgument, 'merkleRoot must be 64 lower-case hex');
    }
    const submitterMspId = ctx.clientIdentity.getMSPID();
    const key = batchKey(ctx, submitterMspId, batchId);
    const existing = await ctx.stub.getState(key);
    if (existing.length > 0) {
      refuse(
        LedgerErrorCode.alreadyExists,
        `batch ${batchId} of ${submitterMspId} is already anchored`,
      );
    }
    const batch: AnchoredBatch = {
      batchId,
      merkleRoot,
      eventCount: count,
      submitterMspId,
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
  async readBatch(ctx: Context, submitterMspId: string, batchId: string): Promise<string> {
    const stored = await ctx.stub.getState(batchKey(ctx, submitterMspId, batchId));
    if (stored.length === 0) {
      refuse(LedgerErrorCode.notFound, `batch ${batchId} of ${submitterMspId} not found`);
    }
    return Buffer.from(stored).toString('utf8');
  }
}

/**
 * The caller's certificate, issued by its organisation's CA (the MSP the peer
 * validated it against), must name it the anchoring identity. Checked before
 * anything else, so nobody else learns even whether its arguments were good.
 */
function assertAnchorer(ctx: Context): void {
  const { name, value } = ANCHORER_ATTRIBUTE;
  if (!ctx.clientIdentity.assertAttributeValue(name, value)) {
    refuse(
      LedgerErrorCode.forbidden,
      `only an anchoring identity (certificate attribute ${name}=${value}) may anchor batches`,
    );
  }
}

function batchKey(ctx: Context, submitterMspId: string, batchId: string): string {
  return ctx.stub.createCompositeKey(BATCH_KEY_TYPE, [
    parseMspId(submitterMspId, 'submitterMspId'),
    batchId,
  ]);
}

function parseEventCount(raw: string): number {
  if (!/^[1-9][0-9]{0,5}$/.test(raw) || Number(raw) > MAX_EVENTS_PER_BATCH) {
    refuse(
      LedgerErrorCode.invalidArgument,
      `eventCount must be an integer from 1 to ${MAX_EVENTS_PER_BATCH}`,
    );
  }
  return Number(raw);
}
