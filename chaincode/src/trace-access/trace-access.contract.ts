import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { LedgerContract } from '../ledger-contract';
import {
  AccessGrant,
  LedgerErrorCode,
  TRACE_ACCESS_CONTRACT,
  TraceAccessEvent,
} from '../../../libs/contracts/src/ledger';
import { canonicalJson } from '../../../libs/standards/src';
import { parseMspId } from '../domain/ledger-names';
import { refuse } from '../domain/refusal';
import { invokerOf, stampOf } from '../proposal';
import { parseGrantId, parseGrantJson } from './domain/grant-arguments';
import { decideGrant, decideRevoke } from './domain/grant-rules';

/** Keyed (granter, grantId): grants of different organisations never collide. */
const GRANT_KEY_TYPE = 'trace.grant';

/**
 * Who may see whose traceability events (issue 14). An organisation grants
 * read access to its own events, to another organisation or, by publishing, to
 * the public; each grant and revocation is a record and an event on the ledger.
 * The rules are in `domain/` and libs/contracts (trace-access); this class only
 * reads, writes and emits, after every check, so a refusal writes nothing.
 */
@Info({ title: TRACE_ACCESS_CONTRACT, description: 'Visibility grants for traceability data' })
export class TraceAccessContract extends LedgerContract {
  constructor() {
    super(TRACE_ACCESS_CONTRACT);
  }

  /** `grantJson`: `{ grantee, scope?, expiresAt? }` (AccessGrantRequest); the granter is the signer's MSP. */
  @Transaction()
  @Returns('string')
  async grant(ctx: Context, grantId: string, grantJson: string): Promise<string> {
    const id = parseGrantId(grantId);
    const request = parseGrantJson(grantJson);
    const invoker = invokerOf(ctx);
    const existing = await load(ctx, invoker.mspId, id);
    const record = decideGrant(id, request, invoker, stampOf(ctx), existing);
    return publish(ctx, record, TraceAccessEvent.granted);
  }

  /** Addressed like readGrant, so that another organisation's attempt is refused, not misread. */
  @Transaction()
  @Returns('string')
  async revoke(ctx: Context, granterMspId: string, grantId: string): Promise<string> {
    const granter = parseMspId(granterMspId, 'granterMspId');
    const id = parseGrantId(grantId);
    const invoker = invokerOf(ctx);
    const existing = await load(ctx, granter, id);
    const record = decideRevoke(granter, id, existing, invoker, stampOf(ctx));
    return publish(ctx, record, TraceAccessEvent.revoked);
  }

  /** Any channel member may read: its peers hold the same state anyway. */
  @Transaction(false)
  @Returns('string')
  async readGrant(ctx: Context, granterMspId: string, grantId: string): Promise<string> {
    const granter = parseMspId(granterMspId, 'granterMspId');
    const id = parseGrantId(grantId);
    const stored = await ctx.stub.getState(keyOf(ctx, granter, id));
    if (stored.length === 0)
      refuse(LedgerErrorCode.notFound, `grant ${id} of ${granter} not found`);
    return Buffer.from(stored).toString('utf8');
  }

  /**
   * Every grant of one granter, revoked and expired ones included (the
   * service judges them with grantCovers), in grant id order: a JSON array.
   */
  @Transaction(false)
  @Returns('string')
  async listGrants(ctx: Context, granterMspId: string): Promise<string> {
    const granter = parseMspId(granterMspId, 'granterMspId');
    const records: string[] = [];
    for await (const entry of ctx.stub.getStateByPartialCompositeKey(GRANT_KEY_TYPE, [granter])) {
      records.push(Buffer.from(entry.value).toString('utf8'));
    }
    // Each record is already canonical JSON, so the array is too.
    return `[${records.join(',')}]`;
  }
}

function keyOf(ctx: Context, granter: string, grantId: string): string {
  return ctx.stub.createCompositeKey(GRANT_KEY_TYPE, [granter, grantId]);
}

async function load(
  ctx: Context,
  granter: string,
  grantId: string,
): Promise<AccessGrant | undefined> {
  const stored = await ctx.stub.getState(keyOf(ctx, granter, grantId));
  return stored.length === 0
    ? undefined
    : (JSON.parse(Buffer.from(stored).toString('utf8')) as AccessGrant);
}

/** Writes the record and tells listeners, with the same canonical bytes in state and event. */
async function publish(ctx: Context, record: AccessGrant, event: string): Promise<string> {
  const json = canonicalJson(record);
  await ctx.stub.putState(keyOf(ctx, record.granterMspId, record.grantId), Buffer.from(json));
  ctx.stub.setEvent(event, Buffer.from(json));
  return json;
}
