/**
 * The roles the chaincode checks, and the certificate attributes that carry
 * them. Each organisation's Fabric CA writes them into the enrolment
 * certificate it issues (`--id.attrs 'pujiang.role=carrier:ecert'`); the
 * chaincode reads them from the signed certificate of the proposal, never from
 * an argument, so a service cannot claim a role its CA did not give it
 * (docs/decisions/0015-roles-and-identities.md).
 */
export const ROLE_ATTRIBUTE = 'pujiang.role';

/** What an identity does on the ledger for its organisation: one role per certificate. */
export const LedgerRole = {
  /** The eBL platform service: imports documents and settles exports (PINT). */
  platformOperator: 'platform',
  /** The claims service: writes policies and decides claims for its insurer. */
  insurer: 'insurer',
  /** A carrier party: the only one that issues bills of lading. */
  carrier: 'carrier',
  /** The ledger service: anchors its organisation's event batches. */
  anchorer: 'anchorer',
  /** A surveyor party: reports on the claims it is assigned. */
  surveyor: 'surveyor',
} as const;
export type LedgerRole = (typeof LedgerRole)[keyof typeof LedgerRole];

/** A carrier's code (SCAC or SMDG), beside `pujiang.role=carrier` in its certificate. */
export const CARRIER_CODE_ATTRIBUTE = 'pujiang.carrier';

/** DCSA's carrierCode: a SCAC or SMDG code, at most four characters. */
export const CARRIER_CODE_PATTERN = /^[A-Z0-9]{2,4}$/;

export function isLedgerRole(value: string): value is LedgerRole {
  return (Object.values(LedgerRole) as string[]).includes(value);
}

/** The `--id.attrs` value a Fabric CA registrar gives an identity of this role. */
export function enrolmentAttributes(role: LedgerRole, carrierCode?: string): string {
  const attributes = [`${ROLE_ATTRIBUTE}=${role}:ecert`];
  if (carrierCode !== undefined) attributes.push(`${CARRIER_CODE_ATTRIBUTE}=${carrierCode}:ecert`);
  return attributes.join(',');
}
