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
  /** A classification society: writes class status and class certificates (issue 21). */
  classSociety: 'class-society',
  /** A flag state's registry: registers vessels under its flag (`pujiang.flag` names the flag). */
  flagState: 'flag-state',
  /** A registered owner: records changes of ownership and appoints the manager. */
  shipOwner: 'ship-owner',
  /** A ship manager: employs the crew, records their certificates and the crew lists. */
  shipManager: 'ship-manager',
  /** A supervisor's inspector: reads across the domains and writes nothing (decision 0035). */
  regulator: 'regulator',
} as const;
export type LedgerRole = (typeof LedgerRole)[keyof typeof LedgerRole];

/**
 * The supervisor's organisation: a member of the channel with read rights only.
 * Every identity of it, and every certificate with the regulator role whatever
 * its organisation, is refused each write by the chaincode (decision 0035).
 */
export const REGULATOR_MSP_ID = 'RegulatorMSP';

/** A carrier's code (SCAC or SMDG), beside `pujiang.role=carrier` in its certificate. */
export const CARRIER_CODE_ATTRIBUTE = 'pujiang.carrier';

/** DCSA's carrierCode: a SCAC or SMDG code, at most four characters. */
export const CARRIER_CODE_PATTERN = /^[A-Z0-9]{2,4}$/;

/** A flag state's ISO 3166-1 alpha-2 code, beside `pujiang.role=flag-state` in its certificate. */
export const FLAG_STATE_ATTRIBUTE = 'pujiang.flag';

/** ISO 3166-1 alpha-2: the flag a vessel flies, as a flag state's registry names it. */
export const FLAG_CODE_PATTERN = /^[A-Z]{2}$/;

/** The attribute that qualifies a role, for the roles that need one. */
const QUALIFIER_ATTRIBUTE: Partial<Record<LedgerRole, string>> = {
  carrier: CARRIER_CODE_ATTRIBUTE,
  'flag-state': FLAG_STATE_ATTRIBUTE,
};

export function isLedgerRole(value: string): value is LedgerRole {
  return (Object.values(LedgerRole) as string[]).includes(value);
}

/**
 * The `--id.attrs` value a Fabric CA registrar gives an identity of this role;
 * `qualifier` is a carrier's code or a flag state's flag.
 */
export function enrolmentAttributes(role: LedgerRole, qualifier?: string): string {
  const attributes = [`${ROLE_ATTRIBUTE}=${role}:ecert`];
  const name = QUALIFIER_ATTRIBUTE[role];
  if (qualifier !== undefined && name === undefined) {
    throw new Error(`role ${role} takes no qualifier`);
  }
  if (qualifier !== undefined) attributes.push(`${name}=${qualifier}:ecert`);
  return attributes.join(',');
}
