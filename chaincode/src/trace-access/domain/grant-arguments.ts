import {
  AccessGrantRequest,
  GRANT_ID_PATTERN,
  LedgerErrorCode,
  parseAccessGrantRequest,
} from '../../../../libs/contracts/src/ledger';
import { parseJson } from '../../claims/domain/json-input';
import { refuse } from '../../domain/refusal';

export function parseGrantId(raw: string): string {
  return GRANT_ID_PATTERN.test(raw)
    ? raw
    : refuse(LedgerErrorCode.invalidArgument, 'grantId must be 1 to 64 letters, digits, . _ -');
}

/** The request as the traceability service reads it too (libs/contracts), so both refuse alike. */
export function parseGrantJson(raw: string): AccessGrantRequest {
  const parsed = parseAccessGrantRequest(parseJson(raw, 'grantJson'));
  if (parsed.ok) return parsed.request;
  const { pointer, detail } = parsed.problem;
  return refuse(LedgerErrorCode.invalidArgument, `grantJson${pointer} ${detail}`);
}
