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
