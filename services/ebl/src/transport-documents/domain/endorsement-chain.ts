import { EblAction, EblChainEntry, EblRecord, LedgerParty } from '@pujiang/contracts';

/** A party as DCSA messages name it (ActorParty / RecipientParty). */
export interface DcsaParty {
  partyName: string;
  eblPlatform: string;
  identifyingCodes: { codeListProvider: string; partyCode: string; codeListName?: string }[];
}

export interface EndorsementChainLink {
  actionDateTime: string;
  actionCode: string;
  actor: DcsaParty;
  recipient: DcsaParty;
  /** The ledger transaction that recorded the action: anyone on the channel can look it up. */
  auditReference: string;
}

const OFFERS: readonly string[] = [EblAction.transfer, EblAction.endorse, EblAction.endorseToOrder];

/**
 * The DCSA endorsement chain (the "back of the bill") from the ledger's
 * history. Offers count only once accepted, so a refused transfer is not on
 * the back of the bill; platform-internal steps (accept, export) are left
 * out; actions without a recipient (SIGN, BLANK_ENDORSE) name the actor in
 * both places because DCSA requires a recipient on every link.
 */
export function endorsementChain(
  record: EblRecord,
  describe: (party: LedgerParty) => DcsaParty,
): EndorsementChainLink[] {
  const links: EndorsementChainLink[] = [];
  const link = (entry: EblChainEntry, actionCode: string, recipient: LedgerParty) =>
    links.push({
      actionDateTime: entry.at,
      actionCode,
      actor: describe(entry.actor),
      recipient: describe(recipient),
      auditReference: entry.txId,
    });
  record.chain.forEach((entry, i) => {
    const next = record.chain[i + 1];
    if (entry.action === 'ISSUE' && entry.recipient !== undefined) {
      link(entry, 'ISSUE', entry.recipient);
    } else if (OFFERS.includes(entry.action) && entry.recipient !== undefined) {
      if (next?.action === EblAction.acceptTransfer) link(entry, entry.action, entry.recipient);
    } else if (entry.action === EblAction.sign || entry.action === EblAction.blankEndorse) {
      link(entry, entry.action, entry.actor);
    } else if (
      entry.action === EblAction.surrenderForDelivery ||
      entry.action === EblAction.surrenderForAmendment
    ) {
      link(entry, entry.action, record.issuer);
    } else if (entry.action === EblAction.acceptSurrender) {
      link(entry, 'SURRENDERED', entry.actor);
    }
  });
  return links;
}
