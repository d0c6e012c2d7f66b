import { createHash } from 'node:crypto';
import { EblChainEntry, EblRecord, LedgerParty } from '../../../../libs/contracts/src/ledger';

/** The pending offer or surrender; `from` is who gets a refused surrender back. */
export type EblPending = NonNullable<EblRecord['pending']>;

/** A chain entry as this chaincode writes it. */
export type EblEntry = EblChainEntry;

/** The record as this chaincode writes it; canonical JSON leaves undefined fields out of state. */
export type EblState = EblRecord;

/**
 * Holder and possessor of a document that left this platform by PINT: no
 * local identity can match it (a ledger party always contains `::`), so
 * nobody here controls the document any more. The SHA-256 of the receiving
 * platform's description keeps it fixed-length and ties it to `exportedTo`,
 * which stays on the record for people to read.
 */
export function pintHolder(exportedTo: string): LedgerParty {
  return `PINT:${createHash('sha256').update(exportedTo, 'utf8').digest('hex')}`;
}
