import {
  AccessGrant,
  AccessGrantRequest,
  LedgerErrorCode,
} from '../../../../libs/contracts/src/ledger';
import { Invoker } from '../../domain/invoker';
import { refuse } from '../../domain/refusal';
import { Stamp } from '../../domain/stamp';

/**
 * The rules of granting and revoking that depend on who signs and when; the
 * shape of a request is checked before (grant-arguments). Each function
 * returns the record to write, or refuses before anything is written.
 */

/** A grant by the signer's organisation: the granter is never an argument. */
export function decideGrant(
  grantId: string,
  request: AccessGrantRequest,
  invoker: Invoker,
  stamp: Stamp,
  existing: AccessGrant | undefined,
): AccessGrant {
  if (request.grantee === invoker.mspId) {
    refuse(LedgerErrorCode.invalidArgument, 'an organisation sees its own events without a grant');
  }
  // Equal is refused too: a grant that ends as it begins would cover nothing.
  if (request.expiresAt !== undefined && !(Date.parse(request.expiresAt) > Date.parse(stamp.at))) {
    refuse(
      LedgerErrorCode.invalidArgument,
      `expiresAt must be after the transaction time ${stamp.at}`,
    );
  }
  // A grant id is never reused, not even after a revocation: events and audits name it.
  if (existing !== undefined) {
    refuse(LedgerErrorCode.alreadyExists, `grant ${grantId} of ${invoker.mspId} already exists`);
  }
  return {
    grantId,
    granterMspId: invoker.mspId,
    ...request,
    grantedAt: stamp.at,
    grantedBy: invoker.party,
    txId: stamp.txId,
  };
}

/**
 * Any member of the granting organisation may revoke its grant (the author may
 * have left); no other organisation may, not even the grantee.
 */
export function decideRevoke(
  granterMspId: string,
  grantId: string,
  existing: AccessGrant | undefined,
  invoker: Invoker,
  stamp: Stamp,
): AccessGrant {
  if (invoker.mspId !== granterMspId) {
    refuse(
      LedgerErrorCode.forbidden,
      `only ${granterMspId} may revoke the grants of ${granterMspId}`,
    );
  }
  if (existing === undefined) {
    return refuse(LedgerErrorCode.notFound, `grant ${grantId} of ${granterMspId} not found`);
  }
  // The first revocation is the one on record; a second would overwrite who revoked and when.
  if (existing.revokedAt !== undefined) {
    refuse(LedgerErrorCode.invalidState, `grant ${grantId} was revoked at ${existing.revokedAt}`);
  }
  return { ...existing, revokedAt: stamp.at, revokedBy: invoker.party, revokedTxId: stamp.txId };
}
