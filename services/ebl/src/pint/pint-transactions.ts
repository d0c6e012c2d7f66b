import { EblRecord, LedgerParty } from '@pujiang/contracts';
import {
  DcsaParty,
  EndorsementChainLink,
  endorsementChain,
} from '../transport-documents/domain/endorsement-chain';
import { ActionCode, Transaction } from './domain/pint-types';

/**
 * The DCSA transactions this platform adds to the envelope transfer chain:
 * what happened here since the document arrived (or since issuance), ending
 * with the transfer to the other platform.
 */
export function outgoingTransactions(
  record: EblRecord,
  describe: (party: LedgerParty) => DcsaParty,
  transferOut: Transaction,
): Transaction[] {
  const arrived = record.chain.map((e) => e.action as string).lastIndexOf('IMPORT');
  const sinceArrival: EblRecord = { ...record, chain: record.chain.slice(arrived + 1) };
  return [...endorsementChain(sinceArrival, describe).map(pintTransaction), transferOut];
}

/** A link of the endorsement chain as a PINT transaction. */
export function pintTransaction({
  actionCode,
  actor,
  recipient,
  actionDateTime,
  auditReference,
}: EndorsementChainLink): Transaction {
  return {
    actionCode: actionCode as ActionCode,
    actor,
    // A SIGN or BLANK_ENDORSE link names its actor twice for DCSA's surrender schema; PINT wants no recipient.
    ...(actionCode === 'SIGN' || actionCode === 'BLANK_ENDORSE' ? {} : { recipient }),
    actionDateTime,
    auditReference,
  };
}
