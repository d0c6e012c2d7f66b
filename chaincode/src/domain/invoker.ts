import { LedgerErrorCode, LedgerParty, ledgerParty } from '../../../libs/contracts/src/ledger';
import { isCommonName } from './ledger-names';
import { refuse } from './refusal';

/** Who submitted the proposal, as every contract's rules compare parties. */
export interface Invoker {
  mspId: string;
  party: LedgerParty;
  /** An admin identity (node OU `admin`): its organisation's own service (eBL platform, claims service). */
  isAdmin: boolean;
}

const X509_PREFIX = 'x509::';
const ADMIN_OU = 'admin';

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
 * The invoker as a ledger party: its MSP and the one CN of its certificate.
 * An identity that cannot be named that way can hold no role, so it is
 * refused before anything else is looked at.
 */
export function invokerFrom(mspId: string, clientId: string): Invoker {
  const subject = parseClientSubject(clientId);
  const commonNames = subject?.filter((a) => a.type === 'CN').map((a) => a.value) ?? [];
  const commonName = commonNames[0];
  if (subject === undefined || commonNames.length !== 1 || commonName === undefined) {
    return refuse(LedgerErrorCode.forbidden, 'the invoking identity has no single readable CN');
  }
  if (!isCommonName(commonName)) {
    return refuse(LedgerErrorCode.forbidden, 'the invoking identity has a CN unusable as a party');
  }
  return {
    mspId,
    party: ledgerParty(mspId, commonName),
    isAdmin: subject.some((a) => a.type === 'OU' && a.value === ADMIN_OU),
  };
}
