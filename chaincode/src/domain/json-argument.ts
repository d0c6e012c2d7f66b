import { LedgerErrorCode } from '../../../libs/contracts/src/ledger';
import { refuse } from './refusal';

/**
 * A transaction argument that must be one JSON object (a registration, a
 * change): anything else is refused INVALID_ARGUMENT, naming `what`.
 */
export function parseJsonObject(json: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return refuse(LedgerErrorCode.invalidArgument, `${what} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return refuse(LedgerErrorCode.invalidArgument, `${what} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}
