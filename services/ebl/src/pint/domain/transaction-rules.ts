import type {
  ActionCode,
  EnvelopeTransferChainEntry,
  IdentifyingCode,
  Transaction,
} from './pint-types';

/** Action codes whose transaction has no designated recipient (DCSA `Transaction.actionCode`). */
const WITHOUT_RECIPIENT: ReadonlySet<ActionCode> = new Set(['BLANK_ENDORSE', 'SIGN']);

const SURRENDERS: ReadonlySet<ActionCode> = new Set([
  'SURRENDER_FOR_DELIVERY',
  'SURRENDER_FOR_AMENDMENT',
]);

/**
 * The rules PINT sets on the transactions of a whole envelope transfer chain, checked in
 * chain order; the first broken rule is returned, or undefined when the chain keeps them all.
 * Both the sender (before signing) and the receiver (PINT `BENV`) apply the same rules.
 *
 * - `ISSUE` is the first transaction of the first entry, and appears nowhere else.
 * - Nothing follows a `SACC`: the surrender was accepted and the eBL is spent.
 * - Each transaction's actor is on the platform that signed its entry: a platform records
 *   only what happened on it.
 * - Every action but `BLANK_ENDORSE` and `SIGN` has a recipient.
 * - A surrender is addressed to the issuing carrier (the actor of `ISSUE`) or to whoever
 *   represents it, recognised by a shared identifying code.
 */
export function chainTransactionProblem(
  entries: readonly EnvelopeTransferChainEntry[],
): string | undefined {
  const issue = entries[0]?.transactions[0];
  if (issue?.actionCode !== 'ISSUE') {
    return 'the first transaction of the first chain entry is not ISSUE';
  }
  let surrenderAccepted = false;
  for (const [e, entry] of entries.entries()) {
    for (const [t, transaction] of entry.transactions.entries()) {
      const where = `entry ${e}, transaction ${t} (${transaction.actionCode})`;
      if (surrenderAccepted) return `${where} follows an accepted surrender (SACC)`;
      if (transaction.actionCode === 'ISSUE' && (e !== 0 || t !== 0)) {
        return `${where}: ISSUE may only be the first transaction of the chain`;
      }
      if (transaction.actor.eblPlatform !== entry.eblPlatform) {
        return `${where}: actor is on ${transaction.actor.eblPlatform}, the entry was signed by ${entry.eblPlatform}`;
      }
      if (transaction.recipient === undefined && !WITHOUT_RECIPIENT.has(transaction.actionCode)) {
        return `${where} has no recipient`;
      }
      if (SURRENDERS.has(transaction.actionCode) && !addressedToCarrier(transaction, issue)) {
        return `${where} is not addressed to the carrier that issued the eBL`;
      }
      surrenderAccepted = transaction.actionCode === 'SACC';
    }
  }
  return undefined;
}

/** The transaction that closes the chain: it says to whom this envelope is addressed. */
export function lastTransaction(
  entries: readonly EnvelopeTransferChainEntry[],
): Transaction | undefined {
  return entries.at(-1)?.transactions.at(-1);
}

function addressedToCarrier(surrender: Transaction, issue: Transaction): boolean {
  const recipient = surrender.recipient;
  if (recipient === undefined) return false;
  const carrierCodes = [
    ...issue.actor.identifyingCodes,
    ...(issue.actor.representedParty?.identifyingCodes ?? []),
  ];
  const recipientCodes = [
    ...recipient.identifyingCodes,
    ...(recipient.representedParty?.identifyingCodes ?? []),
  ];
  return sharesCode(carrierCodes, recipientCodes);
}

function sharesCode(one: readonly IdentifyingCode[], other: readonly IdentifyingCode[]): boolean {
  return one.some((mine) =>
    other.some(
      (theirs) =>
        theirs.codeListProvider === mine.codeListProvider && theirs.partyCode === mine.partyCode,
    ),
  );
}

/**
 * How far a sending platform's clock may run ahead of ours. Platforms keep their clocks by
 * NTP, off by far less than this; a transaction further in the future was not made yet.
 */
export const CLOCK_SKEW_MS = 60_000;

/**
 * Refuses a stale or future-dated transfer, or returns undefined when its times are
 * plausible. The last transaction of the chain is the transfer to us, signed by the sender
 * just before it sends the envelope: it must have been made at most `maxAgeMs` before the
 * envelope arrived (`receivedAt`, our clock) and at most CLOCK_SKEW_MS after. A transfer
 * older than that is an envelope signed long ago and held back, which could otherwise be
 * played after control had moved on without it. Earlier transactions may be old (a bill can
 * stay with a holder for months), but none may lie in the future.
 */
export function transferTimeProblem(
  entries: readonly EnvelopeTransferChainEntry[],
  receivedAt: Date,
  maxAgeMs: number,
): string | undefined {
  const latest = receivedAt.getTime() + CLOCK_SKEW_MS;
  for (const [e, entry] of entries.entries()) {
    for (const [t, transaction] of entry.transactions.entries()) {
      const at = Date.parse(transaction.actionDateTime);
      const where = `entry ${e}, transaction ${t} (${transaction.actionCode})`;
      if (Number.isNaN(at)) return `${where}: actionDateTime is not a date-time`;
      if (at > latest) {
        return `${where}: actionDateTime ${transaction.actionDateTime} is in the future (received at ${receivedAt.toISOString()})`;
      }
    }
  }
  const transfer = lastTransaction(entries);
  if (transfer === undefined) return 'the chain has no transaction';
  const age = receivedAt.getTime() - Date.parse(transfer.actionDateTime);
  if (age > maxAgeMs) {
    return `the transfer (${transfer.actionCode} at ${transfer.actionDateTime}) is older than the ${maxAgeMs / 1000} s this platform accepts (received at ${receivedAt.toISOString()})`;
  }
  return undefined;
}
