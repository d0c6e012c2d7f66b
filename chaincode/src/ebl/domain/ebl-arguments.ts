import {
  LedgerErrorCode,
  LedgerParty,
  SHA256_HEX_PATTERN,
  TRANSPORT_DOCUMENT_REFERENCE_PATTERN,
} from '../../../../libs/contracts/src/ledger';
import { isKeySafe, mspIdOfParty } from '../../domain/ledger-names';
import { refuse } from '../../domain/refusal';

/** DCSA's pattern and bound for free-text reasons (EBL_SUR `reason`). */
const FREE_TEXT = /^\S(?:.*\S)?$/;
const MAX_FREE_TEXT = 255;
const MAX_EXTERNAL_DESCRIPTION = 1024;

/** DCSA EBL_SUR reason codes for a surrender for amendment. */
export const AMENDMENT_REASON_CODES: readonly string[] = ['SWTP', 'COD', 'SWI'];
/** PINT 3.0 response codes that reject an envelope transfer (INCD and MDOC do not end it). */
export const PINT_REJECTION_CODES: readonly string[] = ['BSIG', 'BENV', 'DISE'];

function invalid(detail: string): never {
  return refuse(LedgerErrorCode.invalidArgument, detail);
}

export function parseReference(raw: string, name: string): string {
  if (!TRANSPORT_DOCUMENT_REFERENCE_PATTERN.test(raw) || !isKeySafe(raw)) {
    invalid(`${name} must be 1 to 20 visible characters`);
  }
  return raw;
}

export function parseChecksum(raw: string): string {
  return SHA256_HEX_PATTERN.test(raw)
    ? raw
    : invalid('documentChecksum must be 64 lower-case hex (SHA-256)');
}

/** The SHA-256 of an envelope's last transfer chain entry: what binds an export to one envelope. */
export function parseEnvelopeChecksum(raw: string): string {
  return SHA256_HEX_PATTERN.test(raw)
    ? raw
    : invalid(
        'the envelope checksum must be 64 lower-case hex (SHA-256 of its last transfer chain entry)',
      );
}

export function parseFlag(raw: string, name: string): boolean {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  return invalid(`${name} must be 'true' or 'false'`);
}

/** A party of the given platform: transfers never cross platforms except by PINT. */
export function parseLocalParty(raw: string, platform: string, name: string): LedgerParty {
  if (raw === '') invalid(`${name} is required`);
  const mspId = mspIdOfParty(raw);
  if (mspId === undefined) invalid(`${name} must be a ledger party 'mspId::commonName'`);
  if (mspId !== platform) invalid(`${name} must be a party of ${platform}`);
  return raw;
}

/** Something only the other platform can interpret (DCSA party JSON, platform code, checksum). */
export function parseExternal(raw: string, name: string): string {
  if (raw.trim() === '' || raw.length > MAX_EXTERNAL_DESCRIPTION) {
    invalid(`${name} must be 1 to ${MAX_EXTERNAL_DESCRIPTION} characters`);
  }
  return raw;
}

export function parseOptionalReason(raw: string): string | undefined {
  if (raw === '') return undefined;
  if (!FREE_TEXT.test(raw) || raw.length > MAX_FREE_TEXT || !isKeySafe(raw)) {
    invalid(`the reason must be 1 to ${MAX_FREE_TEXT} characters without surrounding blanks`);
  }
  return raw;
}

export function parseCode(raw: string, codes: readonly string[], name: string): string {
  return codes.includes(raw) ? raw : invalid(`${name} must be one of ${codes.join(', ')}`);
}

export function requireEmpty(raw: string, name: string, action: string): void {
  if (raw !== '') invalid(`${action} takes no ${name}`);
}
