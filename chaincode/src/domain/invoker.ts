import {
  CARRIER_CODE_ATTRIBUTE,
  CARRIER_CODE_PATTERN,
  FLAG_CODE_PATTERN,
  FLAG_STATE_ATTRIBUTE,
  LedgerErrorCode,
  LedgerParty,
  LedgerRole,
  ROLE_ATTRIBUTE,
  isLedgerRole,
  ledgerParty,
} from '../../../libs/contracts/src/ledger';
import { isCommonName } from './ledger-names';
import { refuse } from './refusal';

/** Who submitted the proposal, as every contract's rules compare parties. */
export interface Invoker {
  mspId: string;
  party: LedgerParty;
  /**
   * The role its organisation's Fabric CA wrote into the certificate
   * (`pujiang.role`); none for an ordinary party. The node OU, `admin`
   * included, grants nothing.
   */
  role?: LedgerRole;
  /** A carrier's code (`pujiang.carrier`): present exactly when the role is carrier. */
  carrierCode?: string;
  /** A flag state's flag (`pujiang.flag`): present exactly when the role is flag-state. */
  flagCode?: string;
}

/** Reads one attribute of the signed certificate (fabric-shim's ClientIdentity.getAttributeValue). */
export type CertificateAttributes = (name: string) => string | null;

const X509_PREFIX = 'x509::';

interface SubjectAttribute {
  type: string;
  value: string;
}

/**
 * The subject attributes of fabric-shim's client id
 * `x509::/C=US/.../OU=client/CN=User1@org1::/C=US/.../CN=ca.org1`.
 * Fabric escapes only the first `/` inside a value, so a value holding a `/`
 * could smuggle in an attribute (`CN=a\/b/OU=admin`): such ids, and any with a
 * `::` inside a name, are refused rather than guessed at.
 */
export function parseClientSubject(clientId: string): SubjectAttribute[] | undefined {
  if (!clientId.startsWith(X509_PREFIX)) return undefined;
  const names = clientId.slice(X509_PREFIX.length).split('::');
  const subject = names[0];
  if (names.length !== 2 || subject === undefined) return undefined;
  if (!subject.startsWith('/') || subject.includes('\\')) return undefined;
  const attributes: SubjectAttribute[] = [];
  for (const part of subject.slice(1).split('/')) {
    const equals = part.indexOf('=');
    if (equals <= 0) return undefined;
    attributes.push({ type: part.slice(0, equals), value: part.slice(equals + 1) });
  }
  return attributes;
}

/**
 * The invoker as a ledger party: its MSP and the one CN of its certificate,
 * with the role its certificate's attributes give it. An identity that cannot
 * be named that way can hold no role, so it is refused before anything else
 * is looked at; so is a carrier without a readable carrier code.
 */
export function invokerFrom(
  mspId: string,
  clientId: string,
  attributes: CertificateAttributes,
): Invoker {
  const subject = parseClientSubject(clientId);
  const commonNames = subject?.filter((a) => a.type === 'CN').map((a) => a.value) ?? [];
  const commonName = commonNames[0];
  if (subject === undefined || commonNames.length !== 1 || commonName === undefined) {
    return refuse(LedgerErrorCode.forbidden, 'the invoking identity has no single readable CN');
  }
  if (!isCommonName(commonName)) {
    return refuse(LedgerErrorCode.forbidden, 'the invoking identity has a CN unusable as a party');
  }
  const party = ledgerParty(mspId, commonName);
  const role = attributes(ROLE_ATTRIBUTE);
  if (role === null || !isLedgerRole(role)) return { mspId, party };
  if (role === LedgerRole.flagState) {
    const flagCode = attributes(FLAG_STATE_ATTRIBUTE);
    if (flagCode === null || !FLAG_CODE_PATTERN.test(flagCode)) {
      return refuse(
        LedgerErrorCode.forbidden,
        `a flag state identity needs its flag (certificate attribute ${FLAG_STATE_ATTRIBUTE})`,
      );
    }
    return { mspId, party, role, flagCode };
  }
  if (role !== LedgerRole.carrier) return { mspId, party, role };
  const carrierCode = attributes(CARRIER_CODE_ATTRIBUTE);
  if (carrierCode === null || !CARRIER_CODE_PATTERN.test(carrierCode)) {
    return refuse(
      LedgerErrorCode.forbidden,
      `a carrier identity needs a carrier code (certificate attribute ${CARRIER_CODE_ATTRIBUTE})`,
    );
  }
  return { mspId, party, role, carrierCode };
}

/** Whether the invoker holds `role` for the organisation `mspId`. */
export function actsAs(invoker: Invoker, role: LedgerRole, mspId: string): boolean {
  return invoker.role === role && invoker.mspId === mspId;
}

/** How a refusal names the certificate a role needs. */
export function roleAttribute(role: LedgerRole): string {
  return `certificate attribute ${ROLE_ATTRIBUTE}=${role}`;
}
