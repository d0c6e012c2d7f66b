import { Context } from 'fabric-contract-api';
import { KeyEndorsementPolicy } from 'fabric-shim';
import {
  ClaimDetails,
  ClaimStub,
  CoverPolicyRecord,
  DisclosedClaim,
  LedgerErrorCode,
  PolicyPrivateTerms,
  insurerCollection,
  regulatorDisclosureCollection,
} from '../../../libs/contracts/src/ledger';
import { canonicalJson } from '../../../libs/standards/src';
import { refuse } from '../domain/refusal';
import { FingerprintEntry, fingerprintIndex } from './domain/fingerprints';
import { sha256Hex } from './domain/policy-private-terms';

/**
 * Where the Claims contract keeps things. Policies and claims are keyed by
 * their own ids alone (not by insurer, unlike eBLs by platform): any
 * organisation's member may give notice under a policy it knows only by id.
 */
const KEY = {
  policy: 'claims.policy',
  /** [claimId] → ClaimStub, under a key-level endorsement policy naming the insurer's organisation. */
  claim: 'claims.claim',
  /**
   * [fingerprintIndex(fingerprint), claimId] → FingerprintEntry: one entry per
   * claim that registered the fingerprint. The fingerprint itself is never stored.
   */
  fingerprint: 'claims.fingerprint',
  /** [policyId, triggerId] → { claimId }: the one claim a parametric trigger gave. */
  trigger: 'claims.trigger',
  /** In the insurer's private collection: [policyId] → PolicyPrivateTerms bytes. */
  privateTerms: 'claims.policy-terms',
  /** In the insurer's private collection: [policyId, claimId] → ClaimDetails bytes. */
  details: 'claims.claim-details',
  /** In the insurer's collection for the regulator: [claimId, txId] → DisclosedClaim (decision 0035). */
  disclosed: 'claims.disclosed',
} as const;

async function readJson<T>(ctx: Context, key: string): Promise<T | undefined> {
  const stored = await ctx.stub.getState(key);
  return stored.length === 0 ? undefined : (JSON.parse(Buffer.from(stored).toString('utf8')) as T);
}

async function writeJson(ctx: Context, key: string, value: object): Promise<string> {
  const json = canonicalJson(value);
  await ctx.stub.putState(key, Buffer.from(json));
  return json;
}

function policyKey(ctx: Context, policyId: string): string {
  return ctx.stub.createCompositeKey(KEY.policy, [policyId]);
}

function claimKey(ctx: Context, claimId: string): string {
  return ctx.stub.createCompositeKey(KEY.claim, [claimId]);
}

export function loadPolicy(ctx: Context, policyId: string): Promise<CoverPolicyRecord | undefined> {
  return readJson<CoverPolicyRecord>(ctx, policyKey(ctx, policyId));
}

export async function requirePolicy(ctx: Context, policyId: string): Promise<CoverPolicyRecord> {
  return (
    (await loadPolicy(ctx, policyId)) ??
    refuse(LedgerErrorCode.notFound, `policy ${policyId} not found`)
  );
}

export function storePolicy(ctx: Context, policy: CoverPolicyRecord): Promise<string> {
  return writeJson(ctx, policyKey(ctx, policy.policyId), policy);
}

export function loadStub(ctx: Context, claimId: string): Promise<ClaimStub | undefined> {
  return readJson<ClaimStub>(ctx, claimKey(ctx, claimId));
}

export async function requireStub(ctx: Context, claimId: string): Promise<ClaimStub> {
  return (
    (await loadStub(ctx, claimId)) ?? refuse(LedgerErrorCode.notFound, `claim ${claimId} not found`)
  );
}

/**
 * Writes the public part of a claim. A new claim's key gets an endorsement
 * policy of its own naming the insurer's peers, so that its later steps (which
 * write the insurer's collection too) need no other organisation's peer.
 */
export async function storeStub(ctx: Context, stub: ClaimStub, isNew: boolean): Promise<string> {
  const key = claimKey(ctx, stub.claimId);
  const json = await writeJson(ctx, key, stub);
  if (isNew) {
    const policy = new KeyEndorsementPolicy();
    policy.addOrgs('PEER', stub.insurerMsp);
    await ctx.stub.setStateValidationParameter(key, policy.getPolicy());
  }
  return json;
}

function detailsKey(ctx: Context, policyId: string, claimId: string): string {
  return ctx.stub.createCompositeKey(KEY.details, [policyId, claimId]);
}

/** Empty on a peer outside the insurer's collection: it holds only the hash. */
async function loadDetails(
  ctx: Context,
  insurerMsp: string,
  policyId: string,
  claimId: string,
): Promise<ClaimDetails | undefined> {
  const key = detailsKey(ctx, policyId, claimId);
  const stored = await ctx.stub.getPrivateData(insurerCollection(insurerMsp), key);
  return stored.length === 0
    ? undefined
    : (JSON.parse(Buffer.from(stored).toString('utf8')) as ClaimDetails);
}

export async function requireDetails(ctx: Context, stub: ClaimStub): Promise<ClaimDetails> {
  return (
    (await loadDetails(ctx, stub.insurerMsp, stub.policyId, stub.claimId)) ??
    refuse(
      LedgerErrorCode.notFound,
      `the details of claim ${stub.claimId} are not held by this peer`,
    )
  );
}

/** Writes a claim's details to its insurer's collection and returns their SHA-256. */
export async function storeDetails(
  ctx: Context,
  insurerMsp: string,
  policyId: string,
  claimId: string,
  details: ClaimDetails,
): Promise<string> {
  const bytes = Buffer.from(canonicalJson(details));
  const key = detailsKey(ctx, policyId, claimId);
  await ctx.stub.putPrivateData(insurerCollection(insurerMsp), key, bytes);
  return sha256Hex(bytes);
}

/**
 * The SHA-256 of a claim's details as every peer of the channel knows it (the
 * hash is public, the value is not), or undefined when there are none.
 */
export async function detailsHashOf(
  ctx: Context,
  insurerMsp: string,
  policyId: string,
  claimId: string,
): Promise<string | undefined> {
  const key = detailsKey(ctx, policyId, claimId);
  const hash = await ctx.stub.getPrivateDataHash(insurerCollection(insurerMsp), key);
  return hash.length === 0 ? undefined : Buffer.from(hash).toString('hex');
}

/**
 * The other claims that registered any of these fingerprints, each once, in
 * key order (the same on every peer; the range reads are re-checked at commit).
 */
export async function claimsSharing(
  ctx: Context,
  fingerprints: readonly string[],
  except: string,
): Promise<string[]> {
  const found = new Set<string>();
  for (const fingerprint of fingerprints) {
    const index = fingerprintIndex(fingerprint);
    for await (const entry of ctx.stub.getStateByPartialCompositeKey(KEY.fingerprint, [index])) {
      const { claimId } = JSON.parse(Buffer.from(entry.value).toString('utf8')) as FingerprintEntry;
      if (claimId !== except) found.add(claimId);
    }
  }
  return [...found].sort();
}

export async function registerFingerprints(
  ctx: Context,
  fingerprints: readonly string[],
  claim: ClaimStub,
): Promise<void> {
  const entry: FingerprintEntry = { claimId: claim.claimId, insurerMsp: claim.insurerMsp };
  for (const fingerprint of fingerprints) {
    const key = [fingerprintIndex(fingerprint), claim.claimId];
    await writeJson(ctx, ctx.stub.createCompositeKey(KEY.fingerprint, key), entry);
  }
}

function triggerKey(ctx: Context, policyId: string, triggerId: string): string {
  return ctx.stub.createCompositeKey(KEY.trigger, [policyId, triggerId]);
}

export async function triggerClaim(
  ctx: Context,
  policyId: string,
  triggerId: string,
): Promise<string | undefined> {
  const entry = await readJson<{ claimId: string }>(ctx, triggerKey(ctx, policyId, triggerId));
  return entry?.claimId;
}

export async function recordTriggerClaim(
  ctx: Context,
  policyId: string,
  triggerId: string,
  claimId: string,
): Promise<void> {
  await writeJson(ctx, triggerKey(ctx, policyId, triggerId), { claimId });
}

function privateTermsKey(ctx: Context, policyId: string): string {
  return ctx.stub.createCompositeKey(KEY.privateTerms, [policyId]);
}

export async function storePrivateTerms(
  ctx: Context,
  policy: CoverPolicyRecord,
  bytes: Uint8Array,
): Promise<void> {
  const collection = insurerCollection(policy.insurerMsp);
  await ctx.stub.putPrivateData(collection, privateTermsKey(ctx, policy.policyId), bytes);
}

/** Refused on a peer outside the insurer's collection: it holds only the hash. */
export async function loadPrivateTerms(ctx: Context, policy: CoverPolicyRecord): Promise<string> {
  const collection = insurerCollection(policy.insurerMsp);
  const stored = await ctx.stub.getPrivateData(collection, privateTermsKey(ctx, policy.policyId));
  if (stored.length === 0) {
    refuse(
      LedgerErrorCode.notFound,
      `the private terms of policy ${policy.policyId} are not set or not held by this peer`,
    );
  }
  return Buffer.from(stored).toString('utf8');
}

export async function requirePrivateTerms(
  ctx: Context,
  policy: CoverPolicyRecord,
): Promise<PolicyPrivateTerms> {
  return JSON.parse(await loadPrivateTerms(ctx, policy)) as PolicyPrivateTerms;
}

/** For the evaluate transactions: the stored public policy as it is. */
export async function readStoredPolicy(ctx: Context, policyId: string): Promise<string> {
  const stored = await ctx.stub.getState(policyKey(ctx, policyId));
  if (stored.length === 0) refuse(LedgerErrorCode.notFound, `policy ${policyId} not found`);
  return Buffer.from(stored).toString('utf8');
}

function disclosedKey(ctx: Context, claimId: string, txId: string): string {
  return ctx.stub.createCompositeKey(KEY.disclosed, [claimId, txId]);
}

/** Copies a disclosure to the regulator's peers: the endorsing insurer's peer holds only its hash after. */
export async function storeDisclosed(ctx: Context, disclosed: DisclosedClaim): Promise<void> {
  await ctx.stub.putPrivateData(
    regulatorDisclosureCollection(disclosed.insurerMsp),
    disclosedKey(ctx, disclosed.claimId, disclosed.disclosure.txId),
    Buffer.from(canonicalJson(disclosed)),
  );
}

/** A disclosure as the regulator's peer holds it; NOT_FOUND on a peer that does not. */
export async function requireDisclosed(
  ctx: Context,
  insurerMsp: string,
  claimId: string,
  txId: string,
): Promise<DisclosedClaim> {
  const stored = await ctx.stub.getPrivateData(
    regulatorDisclosureCollection(insurerMsp),
    disclosedKey(ctx, claimId, txId),
  );
  return stored.length === 0
    ? refuse(
        LedgerErrorCode.notFound,
        `disclosure ${txId} of claim ${claimId} is not held by this peer`,
      )
    : (JSON.parse(Buffer.from(stored).toString('utf8')) as DisclosedClaim);
}
