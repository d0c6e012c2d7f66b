import { Principal } from '@pujiang/auth';
import { ProblemException } from '@pujiang/http';
import { Party } from './directory';
import { EblPlatform } from './ebl-platform';

/** Role a bearer token needs to act on or read eBLs as a trading party. */
export const TRADER_ROLE = 'ebl:trader';

/**
 * The directory party a caller acts as: the token's subject, which must be
 * one of this platform's parties in this platform's organisation.
 */
export function actingParty(platform: EblPlatform, principal: Principal): Party {
  const party = platform.parties.actingParty(principal);
  if (party === undefined) {
    throw new ProblemException(403, 'the caller is not a party of this platform');
  }
  return party;
}
