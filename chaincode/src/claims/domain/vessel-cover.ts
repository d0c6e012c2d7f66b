import {
  AREA_ID_PATTERN,
  AreaReference,
  ISO_INSTANT_PATTERN,
  VesselCover,
  Warranty,
} from '../../../../libs/contracts/src/ledger';
import { parseImoNumber } from '../../../../libs/standards/src';
import { parseSha256 } from './claim-values';
import {
  asObject,
  invalid,
  stringAt,
  stringMatching,
  uniqueArray,
  uniqueArrayAt,
} from './json-input';

const WARRANTIES: readonly string[] = Object.values(Warranty);
const MAX_AREAS = 64;

/** The vessel part of a vessel policy's private terms, whitelisted and checked field by field. */
export function parseVesselCover(value: unknown, name: string): VesselCover {
  const o = asObject(value, name, {
    required: ['imoNumber', 'warranties', 'tradingLimits', 'warRiskAreas'],
  });
  const imoNumber = parseImoNumber(stringAt(o, 'imoNumber', name));
  if (imoNumber === undefined)
    invalid(`${name}.imoNumber must be an IMO number with its check digit`);
  const cover: VesselCover = {
    imoNumber,
    warranties: uniqueArrayAt(
      o,
      'warranties',
      name,
      WARRANTIES.length,
      stringMatching((w) => WARRANTIES.includes(w), `one of ${WARRANTIES.join(', ')}`),
    ) as Warranty[],
    tradingLimits: uniqueArray(
      o.tradingLimits,
      `${name}.tradingLimits`,
      MAX_AREAS,
      parseAreaReference,
    ),
    warRiskAreas: uniqueArray(
      o.warRiskAreas,
      `${name}.warRiskAreas`,
      MAX_AREAS,
      parseAreaReference,
    ),
  };
  if (cover.warranties.includes(Warranty.tradingLimits) && cover.tradingLimits.length === 0) {
    invalid(`${name}: a ${Warranty.tradingLimits} warranty names its tradingLimits areas`);
  }
  if (cover.warranties.includes(Warranty.warRiskAreas) && cover.warRiskAreas.length === 0) {
    invalid(`${name}: a ${Warranty.warRiskAreas} warranty names its warRiskAreas`);
  }
  return cover;
}

export function parseAreaReference(value: unknown, name: string): AreaReference {
  const o = asObject(value, name, { required: ['areaId', 'geometrySha256'] });
  const areaId = stringAt(o, 'areaId', name);
  if (!AREA_ID_PATTERN.test(areaId))
    invalid(`${name}.areaId must be 1 to 64 letters, digits or . _ : -`);
  return {
    areaId,
    geometrySha256: parseSha256(stringAt(o, 'geometrySha256', name), `${name}.geometrySha256`),
  };
}

/**
 * An ISO 8601 UTC instant, written back as the ledger writes times
 * (`toISOString`, milliseconds), so instants compare as text.
 */
export function parseInstant(raw: string, name: string): string {
  const time = Date.parse(raw);
  if (!ISO_INSTANT_PATTERN.test(raw) || Number.isNaN(time)) {
    return invalid(`${name} must be a UTC instant YYYY-MM-DDTHH:MM:SS[.sss]Z`);
  }
  const instant = new Date(time).toISOString();
  if (instant.slice(0, 19) !== raw.slice(0, 19)) invalid(`${name} is not a real instant`);
  return instant;
}
