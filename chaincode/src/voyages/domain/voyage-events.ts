import {
  DECIMAL_DEGREES_PATTERN,
  LedgerErrorCode,
  LedgerRole,
  MMSI_PATTERN,
  VoyageEventInput,
  VoyageEventKind,
  VoyageEventRecord,
} from '../../../../libs/contracts/src/ledger';
import { parseImoNumber } from '../../../../libs/standards/src';
import { parseSha256 } from '../../claims/domain/claim-values';
import { asObject, invalid, parseObject, stringAt } from '../../claims/domain/json-input';
import { parseAreaReference, parseInstant } from '../../claims/domain/vessel-cover';
import { Invoker, roleAttribute } from '../../domain/invoker';
import { refuse } from '../../domain/refusal';
import { Stamp } from '../../domain/stamp';

const NAME = 'voyageEvent';
const KINDS: readonly string[] = Object.values(VoyageEventKind);

/** The eventJson argument of recordVoyageEvent, whitelisted and checked field by field. */
export function parseVoyageEvent(raw: string): VoyageEventInput {
  const o = parseObject(raw, NAME, {
    required: ['imoNumber', 'mmsi', 'kind', 'area', 'at', 'position', 'evidenceSha256'],
  });
  const imoNumber = parseImoNumber(stringAt(o, 'imoNumber', NAME));
  if (imoNumber === undefined)
    invalid(`${NAME}.imoNumber must be an IMO number with its check digit`);
  const mmsi = stringAt(o, 'mmsi', NAME);
  if (!MMSI_PATTERN.test(mmsi)) invalid(`${NAME}.mmsi must be nine digits`);
  const kind = stringAt(o, 'kind', NAME);
  if (!KINDS.includes(kind)) invalid(`${NAME}.kind must be one of ${KINDS.join(', ')}`);
  return {
    imoNumber,
    mmsi,
    kind: kind as VoyageEventKind,
    area: parseAreaReference(o.area, `${NAME}.area`),
    at: parseInstant(stringAt(o, 'at', NAME), `${NAME}.at`),
    position: parsePosition(o.position),
    evidenceSha256: parseSha256(stringAt(o, 'evidenceSha256', NAME), `${NAME}.evidenceSha256`),
  };
}

function parsePosition(value: unknown): VoyageEventInput['position'] {
  const name = `${NAME}.position`;
  const o = asObject(value, name, { required: ['latitude', 'longitude'] });
  const degrees = (key: string, limit: number): string => {
    const text = stringAt(o, key, name);
    // Compared as a number only to bound it: the text itself is what is stored.
    if (!DECIMAL_DEGREES_PATTERN.test(text) || Math.abs(Number(text)) > limit) {
      invalid(`${name}.${key} must be decimal degrees within ±${limit}, at most 6 decimals`);
    }
    return text;
  };
  return { latitude: degrees('latitude', 90), longitude: degrees('longitude', 180) };
}

/**
 * A voyage event as the ledger keeps it. Only an organisation's platform
 * service (the positions feed) records them; an event is never in the
 * future of the transaction that records it, and each (vessel, instant,
 * kind, area) is recorded once.
 */
export function decideVoyageEvent(
  input: VoyageEventInput,
  invoker: Invoker,
  stamp: Stamp,
  existing: VoyageEventRecord | undefined,
): VoyageEventRecord {
  if (invoker.role !== LedgerRole.platformOperator) {
    refuse(
      LedgerErrorCode.forbidden,
      `voyage events are recorded by a platform service (${roleAttribute(LedgerRole.platformOperator)})`,
    );
  }
  if (input.at > stamp.at) invalid(`${NAME}.at must not be after the transaction's time`);
  if (existing !== undefined) {
    refuse(
      LedgerErrorCode.alreadyExists,
      `${input.kind} of ${input.imoNumber} in ${input.area.areaId} at ${input.at} is already recorded (tx ${existing.txId})`,
    );
  }
  return {
    ...input,
    recordedBy: invoker.party,
    recorderMsp: invoker.mspId,
    txId: stamp.txId,
    recordedAt: stamp.at,
  };
}
