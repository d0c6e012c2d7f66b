import { createHash } from 'node:crypto';
import {
  ClaimAction,
  ClaimFingerprints,
  ClaimStub,
  ClaimsTransientKey,
  DuplicateClaimSuspectedEvent,
  SHA256_HEX_PATTERN,
  claimTransitionFor,
} from '../../../../libs/contracts/src/ledger';
import { Stamp } from '../../domain/stamp';
import { invalid, parseObject, stringMatching, uniqueArrayAt } from './json-input';

const MAX_FINGERPRINTS = 32;
const NAME = `transient ${ClaimsTransientKey.fingerprints}`;
/** Versioned, so that a later change of derivation cannot meet today's index entries. */
const INDEX_TAG = 'pujiang.claims.fingerprint-index.v1|';

/**
 * The transient fingerprints of registerClaim: `register`, the fingerprints the
 * claim is indexed under, and `probe`, those looked up to find other claims.
 * Each is an HMAC-SHA256 the insurer service computes, under the consortium key,
 * over `eBL|container|window`: the eBL reference (or `-`), one of the claim's
 * containers (or `-`) and the 7-day window of the loss date; a claim registers
 * its own window and probes it and the windows either side. Lots and other
 * facts are not fingerprinted. They come in the transient map, so no block
 * carries them; the chaincode checks only their form and indexes each under
 * fingerprintIndex.
 */
export function parseFingerprints(bytes: Uint8Array | undefined): ClaimFingerprints {
  if (bytes === undefined || bytes.length === 0) {
    invalid(`the transient data key '${ClaimsTransientKey.fingerprints}' is required`);
  }
  const o = parseObject(Buffer.from(bytes).toString('utf8'), NAME, {
    required: ['register', 'probe'],
  });
  const hash = stringMatching((v) => SHA256_HEX_PATTERN.test(v), '64 lower-case hex');
  return {
    register: uniqueArrayAt(o, 'register', NAME, MAX_FINGERPRINTS, hash),
    probe: uniqueArrayAt(o, 'probe', NAME, MAX_FINGERPRINTS, hash),
  };
}

/**
 * What public state keeps of a fingerprint: SHA-256 over a domain tag and the
 * fingerprint, one way. Anyone can read an index entry, but presenting it as a
 * fingerprint gives the index of the index, which no claim registered: only
 * whoever computed the fingerprint (with the consortium key) can match a
 * claim. The tag keeps these hashes apart from every other SHA-256 on the ledger.
 */
export function fingerprintIndex(fingerprint: string): string {
  return createHash('sha256')
    .update(INDEX_TAG + fingerprint, 'utf8')
    .digest('hex');
}

/** What one index entry holds: which claim registered the fingerprint, and its insurer. Nothing else. */
export interface FingerprintEntry {
  claimId: string;
  insurerMsp: string;
}

export interface DuplicateOutcome {
  claim: ClaimStub;
  /** The other claims, changed: counted, and held where the table allows a hold. */
  matched: ClaimStub[];
  /** Present when anything matched: the one event of the transaction. */
  event?: DuplicateClaimSuspectedEvent;
}

/**
 * A new claim sharing a fingerprint with other claims (of any insurer) is
 * held for fraud, and so is each of them while it can still be held
 * (FRAUD_HOLDABLE); one already paid, closed or held is only counted. The
 * records say how many claims matched, never which: each insurer learns the
 * ids from the event and compares notes off the ledger. Only public parts
 * change: the hold is a step of the trail without a note, which the claim
 * record shows as taken by DUPLICATE_MATCH_ACTOR.
 */
export function decideDuplicates(
  claim: ClaimStub,
  matched: readonly ClaimStub[],
  stamp: Stamp,
): DuplicateOutcome {
  if (matched.length === 0) return { claim, matched: [] };
  const held = holdOrCount(claim, matched.length, stamp);
  return {
    claim: held,
    matched: matched.map((other) => holdOrCount(other, 1, stamp)),
    event: {
      claims: [claim.claimId, ...matched.map((other) => other.claimId)],
      matchedClaims: matched.length,
    },
  };
}

function holdOrCount(record: ClaimStub, matches: number, stamp: Stamp): ClaimStub {
  const counted: ClaimStub = {
    ...record,
    duplicateMatches: record.duplicateMatches + matches,
    lastTxId: stamp.txId,
    updatedAt: stamp.at,
  };
  const hold = claimTransitionFor(ClaimAction.holdForFraud, record.status);
  if (hold === undefined) return counted;
  return {
    ...counted,
    status: hold.to,
    trail: [
      ...record.trail,
      { action: ClaimAction.holdForFraud, from: record.status, to: hold.to, ...stamp },
    ],
  };
}
