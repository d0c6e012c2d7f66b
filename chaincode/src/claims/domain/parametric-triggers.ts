import {
  MSP_ID_PATTERN,
  PARAMETRIC_TRIGGER_ID_PATTERN,
  ParametricTrigger,
  ParametricTriggerKind,
  untrustingTemperatureTrigger,
} from '../../../../libs/contracts/src/ledger';
import { parseIsoDate } from './claim-values';
import { parseAreaReference, parseInstant } from './vessel-cover';
import {
  JsonObject,
  asObject,
  integerAt,
  invalid,
  isJsonObject,
  stringAt,
  uniqueArray,
  uniqueArrayAt,
} from './json-input';

const MAX_TRIGGERS = 16;
/** Tenths of a degree Celsius: −100.0 °C to +100.0 °C spans every reefer setting. */
const CELSIUS_TENTHS = { min: -1000, max: 1000 };
/** Up to 60 days of excursion, in minutes. */
const DURATION_MINUTES = { min: 1, max: 86_400 };
const GRACE_DAYS = { min: 0, max: 365 };
const GRACE_HOURS = { min: 0, max: 24 * 365 };

/**
 * The policy's parametric triggers, stored as given once their shape is
 * right: integers only, so every peer compares the same numbers the same way.
 * Whether a trigger really fired is measured off the ledger (sensor data,
 * AIS); the insurer's notice carries the evidence hash.
 */
export function parseTriggers(value: unknown, name: string): ParametricTrigger[] {
  const triggers = uniqueArray(value, name, MAX_TRIGGERS, parseTrigger);
  const ids = triggers.map((t) => t.triggerId);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined) invalid(`${name} uses triggerId ${twice} twice`);
  return triggers;
}

/** The kind decides which fields a trigger has; each parser then admits only those. */
function parseTrigger(value: unknown, name: string): ParametricTrigger {
  if (!isJsonObject(value)) return invalid(`${name} must be a JSON object`);
  switch (value.kind) {
    case ParametricTriggerKind.temperature:
      return parseTemperature(value, name);
    case ParametricTriggerKind.lateArrival:
      return parseLateArrival(value, name);
    case ParametricTriggerKind.vesselArrival:
      return parseVesselArrival(value, name);
    default:
      return invalid(
        `${name}.kind must be one of ${Object.values(ParametricTriggerKind).join(', ')}`,
      );
  }
}

function parseTriggerId(raw: string, name: string): string {
  return PARAMETRIC_TRIGGER_ID_PATTERN.test(raw)
    ? raw
    : invalid(`${name}.triggerId must be 1 to 32 letters, digits or . _ -`);
}

function parseTemperature(value: unknown, name: string): ParametricTrigger {
  const object = asObject(value, name, {
    required: ['triggerId', 'kind', 'minCelsiusTenths', 'maxCelsiusTenths', 'minDurationMinutes'],
    optional: ['trustedDevices', 'trustedOwners'],
  });
  const trust = parseTrust(object, name);
  const untrusting = untrustingTemperatureTrigger(trust);
  if (untrusting !== undefined) invalid(`${name}: ${untrusting}`);
  const trigger: ParametricTrigger = {
    triggerId: parseTriggerId(stringAt(object, 'triggerId', name), name),
    kind: ParametricTriggerKind.temperature,
    minCelsiusTenths: integerAt(object, 'minCelsiusTenths', name, CELSIUS_TENTHS),
    maxCelsiusTenths: integerAt(object, 'maxCelsiusTenths', name, CELSIUS_TENTHS),
    minDurationMinutes: integerAt(object, 'minDurationMinutes', name, DURATION_MINUTES),
    ...trust,
  };
  if (trigger.minCelsiusTenths >= trigger.maxCelsiusTenths) {
    invalid(`${name}.minCelsiusTenths must be below maxCelsiusTenths`);
  }
  return trigger;
}

const MAX_TRUSTED = 32;
const DEVICE_ID = /^[A-Za-z][A-Za-z0-9+.-]*:[\x21-\x7e]{1,250}$/;

/** Whom a temperature trigger trusts (issue 17): device ids and owners' MSP ids, each present only when given; one of them at least (checked by the caller). */
function parseTrust(
  object: JsonObject,
  name: string,
): { trustedDevices?: string[]; trustedOwners?: string[] } {
  const listOf = (key: string, pattern: RegExp, what: string): string[] | undefined =>
    object[key] === undefined
      ? undefined
      : uniqueArrayAt(object, key, name, MAX_TRUSTED, (value, itemName) =>
          typeof value === 'string' && pattern.test(value)
            ? value
            : invalid(`${itemName} must be ${what}`),
        );
  const trustedDevices = listOf('trustedDevices', DEVICE_ID, 'a device id (URI)');
  const trustedOwners = listOf('trustedOwners', MSP_ID_PATTERN, 'an MSP id');
  return {
    ...(trustedDevices === undefined ? {} : { trustedDevices }),
    ...(trustedOwners === undefined ? {} : { trustedOwners }),
  };
}

function parseLateArrival(value: unknown, name: string): ParametricTrigger {
  const object = asObject(value, name, {
    required: ['triggerId', 'kind', 'etaDate', 'graceDays'],
  });
  return {
    triggerId: parseTriggerId(stringAt(object, 'triggerId', name), name),
    kind: ParametricTriggerKind.lateArrival,
    etaDate: parseIsoDate(stringAt(object, 'etaDate', name), `${name}.etaDate`),
    graceDays: integerAt(object, 'graceDays', name, GRACE_DAYS),
  };
}

function parseVesselArrival(value: unknown, name: string): ParametricTrigger {
  const object = asObject(value, name, {
    required: ['triggerId', 'kind', 'portArea', 'etaAt', 'graceHours'],
  });
  return {
    triggerId: parseTriggerId(stringAt(object, 'triggerId', name), name),
    kind: ParametricTriggerKind.vesselArrival,
    portArea: parseAreaReference(object.portArea, `${name}.portArea`),
    etaAt: parseInstant(stringAt(object, 'etaAt', name), `${name}.etaAt`),
    graceHours: integerAt(object, 'graceHours', name, GRACE_HOURS),
  };
}
