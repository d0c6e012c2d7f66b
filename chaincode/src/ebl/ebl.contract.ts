import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { LedgerContract } from '../ledger-contract';
import { EBL_CONTRACT, EblEvent, LedgerErrorCode } from '../../../libs/contracts/src/ledger';
import { canonicalJson } from '../../../libs/standards/src';
import { parseMspId } from '../domain/ledger-names';
import { refuse } from '../domain/refusal';
import { invokerOf, stampOf } from '../proposal';
import { parseReference } from './domain/ebl-arguments';
import { decideImport, decideIssue, parseImport, parseIssue } from './domain/ebl-issuance';
import { decideAct } from './domain/ebl-rules';
import { EblState } from './domain/ebl-state';

const DOCUMENT_KEY_TYPE = 'ebl.document';

/**
 * Decides every change of control of an electronic bill of lading. Each
 * organisation runs one eBL platform, and a record lives under the MSP of the
 * identity that writes it, so one platform can never touch another's
 * documents: they leave only by PINT (EXPORT) and arrive by importTransfer.
 * The rules are in `domain/`; this class only reads, writes and emits.
 */
@Info({ title: EBL_CONTRACT, description: 'Control of electronic bills of lading' })
export class EblContract extends LedgerContract {
  constructor() {
    super(EBL_CONTRACT);
  }

  @Transaction()
  @Returns('string')
  async issue(
    ctx: Context,
    transportDocumentReference: string,
    documentChecksum: string,
    isToOrder: string,
    holder: string,
    replaces: string,
  ): Promise<string> {
    const invoker = invokerOf(ctx);
    const request = parseIssue(invoker, [
      transportDocumentReference,
      documentChecksum,
      isToOrder,
      holder,
      replaces,
    ]);
    const existing = await load(ctx, invoker.mspId, request.transportDocumentReference);
    const replaced =
      request.replaces === undefined ? undefined : await load(ctx, invoker.mspId, request.replaces);
    const decided = decideIssue(request, invoker, stampOf(ctx), { existing, replaced });
    // Fabric keeps one event per transaction: the new record, whose `replaces` names the old one.
    if (decided.replaced !== undefined) await store(ctx, decided.replaced);
    return publish(ctx, decided.record);
  }

  @Transaction()
  @Returns('string')
  async importTransfer(
    ctx: Context,
    transportDocumentReference: string,
    documentChecksum: string,
    isToOrder: string,
    holder: string,
    issuer: string,
    sender: string,
    senderMspId: string,
    receivingPlatform: string,
  ): Promise<string> {
    const invoker = invokerOf(ctx);
    const request = parseImport(invoker, [
      transportDocumentReference,
      documentChecksum,
      isToOrder,
      holder,
      issuer,
      sender,
      senderMspId,
      receivingPlatform,
    ]);
    const reference = request.transportDocumentReference;
    const existing = await load(ctx, invoker.mspId, reference);
    // A sender on this channel keeps its record under its own MSP: readable here, never written.
    const sent =
      request.senderMspId === undefined
        ? undefined
        : await load(ctx, request.senderMspId, reference);
    return publish(ctx, decideImport(request, invoker, stampOf(ctx), { existing, sent }));
  }

  @Transaction()
  @Returns('string')
  async act(
    ctx: Context,
    transportDocumentReference: string,
    action: string,
    recipient: string,
    detail: string,
  ): Promise<string> {
    const invoker = invokerOf(ctx);
    const reference = parseReference(transportDocumentReference, 'transportDocumentReference');
    const record =
      (await load(ctx, invoker.mspId, reference)) ??
      refuse(LedgerErrorCode.notFound, `${reference} not found on ${invoker.mspId}`);
    return publish(ctx, decideAct(record, invoker, { action, recipient, detail }, stampOf(ctx)));
  }

  /** Any channel member may read: peers of the channel hold the same state anyway. */
  @Transaction(false)
  @Returns('string')
  async read(
    ctx: Context,
    platformMspId: string,
    transportDocumentReference: string,
  ): Promise<string> {
    const platform = parseMspId(platformMspId, 'platformMspId');
    const reference = parseReference(transportDocumentReference, 'transportDocumentReference');
    const stored = await ctx.stub.getState(keyOf(ctx, platform, reference));
    if (stored.length === 0) {
      refuse(LedgerErrorCode.notFound, `${reference} not found on ${platform}`);
    }
    return Buffer.from(stored).toString('utf8');
  }
}

function keyOf(ctx: Context, platform: string, reference: string): string {
  return ctx.stub.createCompositeKey(DOCUMENT_KEY_TYPE, [platform, reference]);
}

async function load(
  ctx: Context,
  platform: string,
  reference: string,
): Promise<EblState | undefined> {
  const stored = await ctx.stub.getState(keyOf(ctx, platform, reference));
  return stored.length === 0
    ? undefined
    : (JSON.parse(Buffer.from(stored).toString('utf8')) as EblState);
}

async function store(ctx: Context, record: EblState): Promise<string> {
  const json = canonicalJson(record);
  await ctx.stub.putState(
    keyOf(ctx, record.platform, record.transportDocumentReference),
    Buffer.from(json),
  );
  return json;
}

/** Writes the record and tells listeners, with the same canonical bytes in state and event. */
async function publish(ctx: Context, record: EblState): Promise<string> {
  const json = await store(ctx, record);
  ctx.stub.setEvent(EblEvent.changed, Buffer.from(json));
  return json;
}
