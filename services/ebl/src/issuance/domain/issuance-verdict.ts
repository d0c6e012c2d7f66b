import { type PublicKeySource, importVerificationKey } from '../../signing';
import { verifyIssuanceRequest } from './issuance-manifest';
import {
  badRequestResponse,
  issuedResponse,
  manifestRefusalResponse,
  refusedResponse,
} from './issuance-response';
import type {
  IdentifyingCode,
  IssuanceManifest,
  IssuanceRequest,
  IssuanceResponse,
} from './issuance-types';

/** What the platform knows when a carrier asks it to issue. */
export interface IssuanceContext<Holder> {
  /** The carrier that called (authenticated), which must be the carrier of the document. */
  readonly carrierCode: string;
  /** That carrier's registered public key, which must have signed the issuance manifest. */
  readonly carrierKey: PublicKeySource;
  /** This platform's DCSA code: the issueTo party must be sent to us. */
  readonly platformCode: string;
  /** Our party named by these identifying codes, if we know it. */
  issueTo(codes: readonly IdentifyingCode[]): Holder | undefined;
  /** Whether that party may hold eBLs on this platform (a trader, not the carrier's own account). */
  mayHold(holder: Holder): boolean;
}

/** The platform's decision on an issuance request, with the ISS answer it owes the carrier. */
export type IssuanceVerdict<Holder = unknown> =
  | {
      readonly code: 'ISSU';
      readonly response: IssuanceResponse;
      readonly holder: Holder;
      readonly manifest: IssuanceManifest;
    }
  | { readonly code: 'BREQ' | 'REFU'; readonly response: IssuanceResponse };

/**
 * Decides an issuance request: BREQ when the request is not what the carrier signed, names
 * another carrier or is issued to one of our parties who holds no eBLs (the carrier can
 * correct it), REFU when it is sound but this platform cannot
 * honour it (addressed to another platform, or to a party we do not know), ISSU otherwise,
 * with the party who receives possession.
 */
export async function judgeIssuance<Holder>(
  request: IssuanceRequest,
  context: IssuanceContext<Holder>,
): Promise<IssuanceVerdict<Holder>> {
  const { document, issueTo } = request;
  const carrierKey = await importVerificationKey(context.carrierKey);
  const verification = await verifyIssuanceRequest(request, carrierKey);
  if (!verification.verified) {
    return { code: 'BREQ', response: manifestRefusalResponse(document, verification.problems) };
  }
  if (document.carrierCode !== context.carrierCode) {
    const reason = `the document names carrier ${document.carrierCode}, the request came from ${context.carrierCode}`;
    return {
      code: 'BREQ',
      response: badRequestResponse(document, [{ errorCode: 'CARRIER_MISMATCH', reason }], reason),
    };
  }
  if (issueTo.sendToPlatform !== context.platformCode) {
    return {
      code: 'REFU',
      response: refusedResponse(
        document,
        `issueTo is on platform ${issueTo.sendToPlatform}; this platform (${context.platformCode}) issues only to its own parties`,
      ),
    };
  }
  const holder = context.issueTo(issueTo.identifyingCodes);
  if (holder === undefined) {
    return {
      code: 'REFU',
      response: refusedResponse(
        document,
        `no party on ${context.platformCode} has the identifying codes given in issueTo`,
      ),
    };
  }
  if (!context.mayHold(holder)) {
    const reason = `issueTo names a party of ${context.platformCode} that does not hold eBLs`;
    return {
      code: 'BREQ',
      response: badRequestResponse(
        document,
        [{ errorCode: 'ISSUE_TO_NOT_A_HOLDER', reason }],
        reason,
      ),
    };
  }
  return {
    code: 'ISSU',
    response: issuedResponse(document),
    holder,
    manifest: verification.manifest,
  };
}
