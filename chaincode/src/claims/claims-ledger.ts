import { Context } from 'fabric-contract-api';
import {
  ClaimRecord,
  CoverPolicyRecord,
  LedgerErrorCode,
  insurerCollection,
} from '../../../libs/contracts/src/ledger';
import { canonicalJson } from '../../../libs/standards/src';
import { refuse } from '../domain/refusal';
import { FingerprintEntry, fingerprintIndex } from './domain/fingerprints';

/**
 * Where the Claims contract keeps things. Policies and claims are keyed by
 * their own ids alone (not by insurer, unlike eBLs by platform): any
 * organisation's member may give notice under a policy it knows only by id.
 */
const KEY = {
  policy: 'claims.policy',
  claim: 'claims.claim',
  /**
   * [fingerprintIndex(fingerprint), claimId] → FingerprintEntry: one entry per
   * claim that registered the fingerprint. The fingerprint itself is never stored.
   */
  fingerprint: 'claims.fingerprint',
  /** [policyId, triggerId] → { claimId }: the one claim a parametric trigger gave. */
  trigger: 'claims.trigger',
  /** In the insurer's private collection: [policyId] → PolicyAmounts bytes. */
  amounts: 'claims.amounts',
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

export function loadClaim(ctx: Context, claimId: string): Promise<ClaimRecord | undefined> {
  return readJson<ClaimRecord>(ctx, claimKey(ctx, claimId));
}

export async function requireClaim(ctx: Context, claimId: string): Promise<ClaimRecord> {
  return (
    (await loadClaim(ctx, claimId)) ??
    refuse(LedgerErrorCode.notFound, `claim ${claimId} not found`)
  );
}

export function storeClaim(ctx: Context, claim: ClaimRecord): Promise<string> {
  return writeJson(ctx, claimKey(ctx, claim.claimId), claim);
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
  claim: ClaimRecord,
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

export async function recordTriggerClaim(ctx: Context, claim: ClaimRecord): Promise<void> {
  if (claim.parametric === undefined) return;
  const key = triggerKey(ctx, claim.policyId, claim.parametric.triggerId);
  await writeJson(ctx, key, { claimId: claim.claimId });
}

function amountsKey(ctx: Context, policyId: string): string {
  return ctx.stub.createCompositeKey(KEY.amounts, [policyId]);
}

export async function storeAmounts(
  ctx: Context,
  policy: CoverPolicyRecord,
  bytes: Uint8Array,
): Promise<void> {
  const collection = insurerCollection(policy.insurerMsp);
  await ctx.stub.putPrivateData(collection, amountsKey(ctx, policy.policyId), bytes);
}

/** Empty on a peer outside the insurer's collection: it holds only the hash. */
export async function loadAmounts(ctx: Context, policy: CoverPolicyRecord): Promise<string> {
  const collection = insurerCollection(policy.insurerMsp);
  const stored = await ctx.stub.getPrivateData(collection, amountsKey(ctx, policy.policyId));
  if (stored.length === 0) {
    refuse(
      LedgerErrorCode.notFound,
      `the amounts of policy ${policy.policyId} are not set or not held by this peer`,
    );
  }
  return Buffer.from(stored).toString('utf8');
}

/** For the evaluate transactions: the stored bytes as they are. */
export async function readStored(
  ctx: Context,
  kind: 'policy' | 'claim',
  id: string,
): Promise<string> {
  const key = kind === 'policy' ? policyKey(ctx, id) : claimKey(ctx, id);
  const stored = await ctx.stub.getState(key);
  if (stored.length === 0) refuse(LedgerErrorCode.notFound, `${kind} ${id} not found`);
  return Buffer.from(stored).toString('utf8');
}
