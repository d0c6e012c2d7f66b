import { AreaReference } from './voyages';

/**
 * Cover on the ship itself (issue 21 item 3): hull and machinery on the
 * Institute Time Clauses (Hulls) 1/10/83, and protection and indemnity (P&I)
 * for the owner's liabilities, crew injury first. A vessel policy is a
 * CoverPolicy whose clause is one of these and whose private terms name the
 * vessel and its warranties (VesselCover); its claims go through the same
 * lifecycle as cargo claims.
 */
export const VesselClause = {
  /** Institute Time Clauses (Hulls) 1/10/83. */
  itcHulls: 'ITC_HULLS',
  /** A P&I club's rules: the owner's liabilities to crew and third parties. */
  protectionAndIndemnity: 'P_AND_I',
} as const;
export type VesselClause = (typeof VesselClause)[keyof typeof VesselClause];

export function isVesselClause(clause: string): clause is VesselClause {
  return (Object.values(VesselClause) as string[]).includes(clause);
}

/**
 * What the assured warrants, each checked against the ledger as it stood at
 * the time of loss. A breached warranty is recorded on the claim with its
 * evidence; the claim still goes on (under ITC Hulls 4 and 3, the insurer
 * decides whether cover ends or is held covered).
 */
export const Warranty = {
  /** ITC Hulls 4.1.1: the vessel in class with its classification society. */
  classMaintained: 'CLASS_MAINTAINED',
  /** The ISM Safety Management Certificate valid (ITC Hulls 4.1 and the ISM Code). */
  ismCertificateValid: 'ISM_CERTIFICATE_VALID',
  /** The master on the voyage's crew list held a valid STCW certificate and medical fitness. */
  masterCertified: 'MASTER_CERTIFIED',
  /** ITC Hulls 3: the vessel within its trading limits (the policy's TRADING_LIMITS areas). */
  tradingLimits: 'TRADING_LIMITS',
  /** ITC Hulls 23–24 exclude war: no entry into the policy's war-risk areas. */
  warRiskAreas: 'WAR_RISK_AREAS',
} as const;
export type Warranty = (typeof Warranty)[keyof typeof Warranty];

/** The vessel part of a vessel policy's private terms. */
export interface VesselCover {
  /** Seven digits with a valid check digit. */
  imoNumber: string;
  /** The warranties the assured gave, each once. */
  warranties: Warranty[];
  /** The waters the vessel may trade in; leaving all of them breaches TRADING_LIMITS. */
  tradingLimits: AreaReference[];
  /** Areas the vessel may not enter; an entry breaches WAR_RISK_AREAS. */
  warRiskAreas: AreaReference[];
}

/** Where a breach was read on the ledger: the record, the transaction that wrote it, and what it said. */
export interface WarrantyEvidence {
  /** `vessel` (the vessel record), `crew-list`, `voyage-event` or `certificate`. */
  source: 'vessel' | 'crew-list' | 'voyage-event' | 'certificate';
  /** The record's key in its own terms: an IMO number, a certificate number, an area id. */
  reference: string;
  /** The transaction of the record or change the finding rests on, when there is one. */
  txId?: string;
  validFrom?: string;
  validUntil?: string;
  /** SHA-256 of the document or AIS sentences behind the record. */
  sha256?: string;
}

/** One warranty found breached at the time of loss, on the claim's private details. */
export interface WarrantyBreach {
  warranty: Warranty;
  /** What the ledger showed, in a sentence. */
  finding: string;
  evidence: WarrantyEvidence[];
}
