import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  CLAIMS_CONTRACT,
  ClaimRecord,
  ClaimsEvent,
  ClaimsTransientKey,
  claimChangedEvent,
} from '../../../libs/contracts/src/ledger';
import { canonicalJson } from '../../../libs/standards/src';
import { invokerOf, stampOf } from '../proposal';
import {
  claimsSharing,
  loadAmounts,
  loadClaim,
  loadPolicy,
  readStored,
  recordTriggerClaim,
  registerFingerprints,
  requireClaim,
  requirePolicy,
  storeAmounts,
  storeClaim,
  storePolicy,
  triggerClaim,
} from './claims-ledger';
import { decideAddDocument } from './domain/claim-documents';
import { decideAct } from './domain/claim-rules';
import { parseClaimId, parsePolicyId } from './domain/claim-values';
import { decideDuplicates, parseFingerprints } from './domain/fingerprints';
import { assertInsurer } from './domain/insurer';
import { decideNotice, parseNotice } from './domain/notice';
import { decidePolicy, parsePolicy } from './domain/policy';
import { decideAmounts } from './domain/policy-amounts';

/**
 * Marine cargo insurance: cover policies and the life of each claim, from the
 * notice of loss to payment, subrogation and closing. Every rule is in
 * `domain/`; this class only reads, writes and emits, and it decides
 * everything before it writes anything, so a refusal leaves the ledger as it was.
 */
@Info({ title: CLAIMS_CONTRACT, description: 'Marine cargo insurance policies and claims' })
export class ClaimsContract extends Contract {
  constructor() {
    super(CLAIMS_CONTRACT);
  }

  @Transaction()
  @Returns('string')
  async createPolicy(ctx: Context, policyJson: string): Promise<string> {
    const invoker = invokerOf(ctx);
    const input = parsePolicy(invoker, policyJson);
    const existing = await loadPolicy(ctx, input.policyId);
    const openCover =
      input.openCoverPolicyId === undefined
        ? undefined
        : await loadPolicy(ctx, input.openCoverPolicyId);
    return storePolicy(ctx, decidePolicy(input, invoker, stampOf(ctx), { existing, openCover }));
  }

  /**
   * Writes only the insurer's private collection, so the collection's own
   * endorsement policy (the insurer's peers) is all it needs. Returns nothing:
   * a return value would be written into the block for every member to see.
   */
  @Transaction()
  async setPolicyAmounts(ctx: Context, policyId: string): Promise<void> {
    const invoker = invokerOf(ctx);
    const policy = await requirePolicy(ctx, parsePolicyId(policyId));
    const bytes = ctx.stub.getTransient().get(ClaimsTransientKey.amounts);
    await storeAmounts(ctx, policy, decideAmounts(policy, invoker, bytes));
  }

  @Transaction(false)
  @Returns('string')
  async readPolicyAmounts(ctx: Context, policyId: string): Promise<string> {
    const invoker = invokerOf(ctx);
    const policy = await requirePolicy(ctx, parsePolicyId(policyId));
    // The collection admits the whole MSP; the amounts are the insurer's, not its customers'.
    assertInsurer(policy.insurerMsp, invoker, `reading the amounts of ${policy.policyId}`);
    return loadAmounts(ctx, policy);
  }

  /** Any channel member may read: peers of the channel hold the same state anyway. */
  @Transaction(false)
  @Returns('string')
  async readPolicy(ctx: Context, policyId: string): Promise<string> {
    return readStored(ctx, 'policy', parsePolicyId(policyId));
  }

  /**
   * First notice of loss, with the duplicate check on the fingerprints of the
   * transient map (never in a block, so none can be copied from one). Fabric
   * keeps one event per transaction: ClaimChanged for the new claim, or, when
   * its fingerprints match other claims, DuplicateClaimSuspected naming all
   * the claims held.
   */
  @Transaction()
  @Returns('string')
  async notifyLoss(ctx: Context, claimJson: string): Promise<string> {
    const invoker = invokerOf(ctx);
    const stamp = stampOf(ctx);
    const notice = parseNotice(claimJson);
    const fingerprints = parseFingerprints(
      ctx.stub.getTransient().get(ClaimsTransientKey.fingerprints),
    );
    const claim = decideNotice(notice, invoker, stamp, {
      existing: await loadClaim(ctx, notice.claimId),
      policy: await loadPolicy(ctx, notice.policyId),
      triggerClaimId:
        notice.parametric === undefined
          ? undefined
          : await triggerClaim(ctx, notice.policyId, notice.parametric.triggerId),
    });
    const matched: ClaimRecord[] = [];
    for (const claimId of await claimsSharing(ctx, fingerprints.probe, claim.claimId)) {
      const other = await loadClaim(ctx, claimId);
      if (other !== undefined) matched.push(other);
    }
    const outcome = decideDuplicates(claim, matched, stamp);

    const json = await storeClaim(ctx, outcome.claim);
    for (const other of outcome.matched) await storeClaim(ctx, other);
    await registerFingerprints(ctx, fingerprints.register, outcome.claim);
    await recordTriggerClaim(ctx, outcome.claim);
    if (outcome.event === undefined) {
      announce(ctx, outcome.claim);
    } else {
      ctx.stub.setEvent(ClaimsEvent.duplicateSuspected, Buffer.from(canonicalJson(outcome.event)));
    }
    return json;
  }

  @Transaction()
  @Returns('string')
  async act(
    ctx: Context,
    claimId: string,
    action: string,
    recipient: string,
    detail: string,
  ): Promise<string> {
    const invoker = invokerOf(ctx);
    const record = await requireClaim(ctx, parseClaimId(claimId));
    return publish(ctx, decideAct(record, invoker, { action, recipient, detail }, stampOf(ctx)));
  }

  @Transaction()
  @Returns('string')
  async addDocument(ctx: Context, claimId: string, documentJson: string): Promise<string> {
    const invoker = invokerOf(ctx);
    const record = await requireClaim(ctx, parseClaimId(claimId));
    return publish(ctx, decideAddDocument(record, invoker, documentJson, stampOf(ctx)));
  }

  /** Any channel member may read: peers of the channel hold the same state anyway. */
  @Transaction(false)
  @Returns('string')
  async readClaim(ctx: Context, claimId: string): Promise<string> {
    return readStored(ctx, 'claim', parseClaimId(claimId));
  }
}

/** Writes the claim and tells listeners which claim changed. */
async function publish(ctx: Context, claim: ClaimRecord): Promise<string> {
  const json = await storeClaim(ctx, claim);
  announce(ctx, claim);
  return json;
}

/** Every member receives the event: it names the claim and its status, nothing private. */
function announce(ctx: Context, claim: ClaimRecord): void {
  const event = canonicalJson(claimChangedEvent(claim));
  ctx.stub.setEvent(ClaimsEvent.changed, Buffer.from(event));
}
