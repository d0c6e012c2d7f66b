import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { LedgerContract } from '../ledger-contract';
import {
  CLAIMS_CONTRACT,
  ClaimDetails,
  ClaimRecord,
  ClaimRole,
  ClaimDisclosedEvent,
  ClaimStub,
  ClaimsEvent,
  ClaimsTransientKey,
  LedgerErrorCode,
  claimChangedEvent,
  joinClaim,
  isVesselClause,
  splitClaim,
} from '../../../libs/contracts/src/ledger';
import { canonicalJson } from '../../../libs/standards/src';
import { invokerOf, stampOf } from '../proposal';
import { refuse } from '../domain/refusal';
import {
  claimsSharing,
  detailsHashOf,
  loadPolicy,
  loadPrivateTerms,
  loadStub,
  readStoredPolicy,
  recordTriggerClaim,
  registerFingerprints,
  requireDetails,
  requireDisclosed,
  requirePolicy,
  requirePrivateTerms,
  requireStub,
  storeDetails,
  storeDisclosed,
  storePolicy,
  storePrivateTerms,
  storeStub,
  triggerClaim,
} from './claims-ledger';
import { decideAddDocument } from './domain/claim-documents';
import { decideAct, hasRole } from './domain/claim-rules';
import { decideDisclosure, disclosureRecorded, parseDisclosedFields } from './domain/disclosure';
import { parseClaimId, parsePolicyId } from './domain/claim-values';
import { decideDuplicates, parseFingerprints } from './domain/fingerprints';
import { assertInsurer } from './domain/insurer';
import { decideNotice, parseNotice } from './domain/notice';
import { assertInsurerService, decidePolicy, parsePolicy } from './domain/policy';
import { decidePrivateTerms } from './domain/policy-private-terms';
import { decideRegistration } from './domain/registration';
import { parseStepArguments, requiredTransientText } from './domain/step-arguments';
import { readVesselEvidence } from './vessel-evidence';

/**
 * Marine cargo insurance: cover policies and the life of each claim, from the
 * notice of loss to payment, subrogation and closing. Every rule is in
 * `domain/`; this class only reads, writes and emits, and it decides
 * everything before it writes anything, so a refusal leaves the ledger as it was.
 *
 * What is private stays off every block (decision 0009): a policy's amounts,
 * insured and shipment, and a claim's details, are in the insurer's collection;
 * whatever carries them (transient data) is endorsed by the insurer's peers
 * alone, and no such transaction returns them (a return value is in the block).
 */
@Info({ title: CLAIMS_CONTRACT, description: 'Marine cargo insurance policies and claims' })
export class ClaimsContract extends LedgerContract {
  constructor() {
    super(CLAIMS_CONTRACT);
  }

  /** The public terms only; the insured and the shipment follow in setPolicyPrivateTerms. */
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
   * endorsement policy (the insurer's peers) is all it needs.
   */
  @Transaction()
  async setPolicyPrivateTerms(ctx: Context, policyId: string): Promise<void> {
    const invoker = invokerOf(ctx);
    const policy = await requirePolicy(ctx, parsePolicyId(policyId));
    const bytes = ctx.stub.getTransient().get(ClaimsTransientKey.privateTerms);
    await storePrivateTerms(ctx, policy, decidePrivateTerms(policy, invoker, bytes));
  }

  @Transaction(false)
  @Returns('string')
  async readPolicyPrivateTerms(ctx: Context, policyId: string): Promise<string> {
    const invoker = invokerOf(ctx);
    const policy = await requirePolicy(ctx, parsePolicyId(policyId));
    // The collection admits the whole MSP; the terms are the insurer's, not its customers'.
    assertInsurer(policy.insurerMsp, invoker, `reading the private terms of ${policy.policyId}`);
    return loadPrivateTerms(ctx, policy);
  }

  /**
   * Any channel member may read a cargo policy's public terms: every peer
   * holds them anyway. A vessel policy is its insurer's alone (decision 0034):
   * its clause, period and delay covers tell a competitor what it wrote.
   */
  @Transaction(false)
  @Returns('string')
  async readPolicy(ctx: Context, policyId: string): Promise<string> {
    const invoker = invokerOf(ctx);
    const policy = await requirePolicy(ctx, parsePolicyId(policyId));
    if (isVesselClause(policy.clause)) {
      assertInsurer(policy.insurerMsp, invoker, `reading vessel policy ${policy.policyId}`);
    }
    return readStoredPolicy(ctx, policy.policyId);
  }

  /**
   * First notice of loss, part one: the notice (transient) is checked against
   * the policy's private terms and kept in the insurer's collection, endorsed
   * by the insurer's peers alone. The claim exists for the channel once the
   * insurer registers it (registerClaim).
   */
  @Transaction()
  async notifyLoss(ctx: Context): Promise<void> {
    const invoker = invokerOf(ctx);
    const { salt, ...notice } = parseNotice(ctx.stub.getTransient().get(ClaimsTransientKey.notice));
    const policy = await loadPolicy(ctx, notice.policyId);
    const exists =
      (await loadStub(ctx, notice.claimId)) !== undefined ||
      (policy !== undefined &&
        (await detailsHashOf(ctx, policy.insurerMsp, policy.policyId, notice.claimId)) !==
          undefined);
    const terms = policy === undefined ? undefined : await requirePrivateTerms(ctx, policy);
    const vessel =
      terms?.vessel === undefined || notice.lossAt === undefined
        ? undefined
        : await readVesselEvidence(ctx, terms.vessel.imoNumber, notice.lossAt);
    const claim = decideNotice(notice, invoker, stampOf(ctx), {
      ...(vessel === undefined ? {} : { vessel }),
      exists,
      policy:
        policy === undefined || terms === undefined
          ? undefined
          : {
              ...policy,
              insured: terms.insured,
              shipment: terms.shipment,
              ...(terms.vessel === undefined ? {} : { vessel: terms.vessel }),
            },
      triggerClaimId:
        notice.parametric === undefined
          ? undefined
          : await triggerClaim(ctx, notice.policyId, notice.parametric.triggerId),
    });
    const { details } = splitClaim(claim, salt);
    await storeDetails(ctx, claim.insurerMsp, claim.policyId, claim.claimId, details);
  }

  /**
   * First notice of loss, part two, endorsed by the channel's MAJORITY: the
   * public part of the claim, the duplicate check on the fingerprints of the
   * transient map (never in a block, so none can be copied from one), and the
   * parametric trigger's one claim. Every peer can do it, since it needs only
   * public state and the public hash of the details. Fabric keeps one event
   * per transaction: ClaimChanged for the new claim, or, when its
   * fingerprints match other claims, DuplicateClaimSuspected naming all the
   * claims held.
   */
  @Transaction()
  @Returns('string')
  async registerClaim(
    ctx: Context,
    claimId: string,
    policyId: string,
    triggerId: string,
  ): Promise<string> {
    const invoker = invokerOf(ctx);
    assertInsurerService(invoker, 'registering a claim');
    const stamp = stampOf(ctx);
    const policy = await requirePolicy(ctx, parsePolicyId(policyId));
    const id = parseClaimId(claimId);
    const fingerprints = parseFingerprints(
      ctx.stub.getTransient().get(ClaimsTransientKey.fingerprints),
    );
    const claim = decideRegistration(id, policy, triggerId, invoker, stamp, {
      exists: (await loadStub(ctx, id)) !== undefined,
      detailsHash: await detailsHashOf(ctx, policy.insurerMsp, policy.policyId, id),
      triggerClaimId:
        triggerId === '' ? undefined : await triggerClaim(ctx, policy.policyId, triggerId),
    });
    const matched: ClaimStub[] = [];
    for (const other of await claimsSharing(ctx, fingerprints.probe, claim.claimId)) {
      const stub = await loadStub(ctx, other);
      if (stub !== undefined) matched.push(stub);
    }
    const outcome = decideDuplicates(claim, matched, stamp);

    const json = await storeStub(ctx, outcome.claim, true);
    for (const other of outcome.matched) await storeStub(ctx, other, false);
    await registerFingerprints(ctx, fingerprints.register, outcome.claim);
    if (triggerId !== '') await recordTriggerClaim(ctx, policy.policyId, triggerId, id);
    if (outcome.event === undefined) {
      announce(ctx, outcome.claim);
    } else {
      ctx.stub.setEvent(ClaimsEvent.duplicateSuspected, Buffer.from(canonicalJson(outcome.event)));
    }
    return json;
  }

  /** A step of the claim; its recipient and detail come in the transient map (`step`). */
  @Transaction()
  @Returns('string')
  async act(ctx: Context, claimId: string, action: string): Promise<string> {
    const invoker = invokerOf(ctx);
    const { stub, details, record } = await requireClaim(ctx, parseClaimId(claimId));
    const request = {
      action,
      ...parseStepArguments(ctx.stub.getTransient().get(ClaimsTransientKey.step)),
    };
    return publish(ctx, stub, decideAct(record, invoker, request, stampOf(ctx)), details.salt);
  }

  /** The document's hash and name come in the transient map (`document`). */
  @Transaction()
  @Returns('string')
  async addDocument(ctx: Context, claimId: string): Promise<string> {
    const invoker = invokerOf(ctx);
    const { stub, details, record } = await requireClaim(ctx, parseClaimId(claimId));
    const json = requiredTransientText(
      ctx.stub.getTransient().get(ClaimsTransientKey.document),
      ClaimsTransientKey.document,
    );
    const changed = decideAddDocument(record, invoker, json, stampOf(ctx));
    return publish(ctx, stub, changed, details.salt);
  }

  /**
   * The claim's insurer discloses the named fields (a JSON array of
   * DISCLOSABLE_CLAIM_FIELDS) to the regulator (decision 0035): their values
   * go to the regulator's collection, the record of who, what and when into
   * the claim's public stub, in one transaction endorsed by the insurer's
   * peers alone. Returns the record, never a value.
   */
  @Transaction()
  @Returns('string')
  async discloseToRegulator(ctx: Context, claimId: string, fields: string): Promise<string> {
    const invoker = invokerOf(ctx);
    const { stub, record } = await requireClaim(ctx, parseClaimId(claimId));
    const decided = decideDisclosure(
      stub,
      record,
      invoker,
      parseDisclosedFields(fields),
      stampOf(ctx),
    );
    await storeDisclosed(ctx, decided.disclosed);
    await storeStub(ctx, decided.stub, false);
    const { claimId: id, insurerMsp, disclosure } = decided.disclosed;
    const event: ClaimDisclosedEvent = { claimId: id, insurerMsp, ...disclosure };
    ctx.stub.setEvent(ClaimsEvent.disclosedToRegulator, Buffer.from(canonicalJson(event)));
    return canonicalJson(disclosure);
  }

  /**
   * The public part of a claim: status, steps without actors or figures, the
   * hash of its details and its disclosures. Every member's peer holds it.
   */
  @Transaction(false)
  @Returns('string')
  async readClaimStub(ctx: Context, claimId: string): Promise<string> {
    return canonicalJson(await requireStub(ctx, parseClaimId(claimId)));
  }

  /**
   * What one disclosure gave the regulator, on the regulator's peer, for the
   * regulator only, and only while the stub records it.
   */
  @Transaction(false)
  @Returns('string')
  async readDisclosure(ctx: Context, claimId: string, disclosureTxId: string): Promise<string> {
    const invoker = invokerOf(ctx);
    const stub = await requireStub(ctx, parseClaimId(claimId));
    const disclosure = disclosureRecorded(stub, invoker, disclosureTxId);
    return canonicalJson(
      await requireDisclosed(ctx, stub.insurerMsp, stub.claimId, disclosure.txId),
    );
  }

  /**
   * The whole claim, for its insurer, claimant or surveyor, on a peer of the
   * insurer's collection; the peer refuses anyone outside the collection.
   */
  @Transaction(false)
  @Returns('string')
  async readClaim(ctx: Context, claimId: string): Promise<string> {
    const invoker = invokerOf(ctx);
    const { record } = await requireClaim(ctx, parseClaimId(claimId));
    if (!Object.values(ClaimRole).some((role) => hasRole(record, invoker, role))) {
      refuse(LedgerErrorCode.forbidden, `claim ${record.claimId} is not the caller's`);
    }
    return canonicalJson(record);
  }
}

/** The public part, the private part and the record they make, or NOT_FOUND. */
async function requireClaim(
  ctx: Context,
  claimId: string,
): Promise<{ stub: ClaimStub; details: ClaimDetails; record: ClaimRecord }> {
  const stub = await requireStub(ctx, claimId);
  const details = await requireDetails(ctx, stub);
  return { stub, details, record: joinClaim(stub, details) };
}

/**
 * Writes both parts of a changed claim, the public one with the new hash of
 * the private one, and tells listeners which claim changed. Returns the public part.
 */
async function publish(
  ctx: Context,
  before: ClaimStub,
  claim: ClaimRecord,
  salt: string,
): Promise<string> {
  const { stub, details } = splitClaim(claim, salt);
  const detailsHash = await storeDetails(
    ctx,
    before.insurerMsp,
    before.policyId,
    before.claimId,
    details,
  );
  // A step keeps the claim's disclosures: the record carries none of them.
  const changed = {
    ...stub,
    detailsHash,
    ...(before.disclosures === undefined ? {} : { disclosures: before.disclosures }),
  };
  const json = await storeStub(ctx, changed, false);
  announce(ctx, changed);
  return json;
}

/** Every member receives the event: it names the claim and its status, nothing private. */
function announce(ctx: Context, claim: ClaimStub): void {
  const event = canonicalJson(claimChangedEvent(claim));
  ctx.stub.setEvent(ClaimsEvent.changed, Buffer.from(event));
}
