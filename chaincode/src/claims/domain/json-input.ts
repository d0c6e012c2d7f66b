import { LedgerErrorCode } from '../../../../libs/contracts/src/ledger';
import { refuse } from '../../domain/refusal';

/**
 * Reading the JSON arguments of the Claims transactions. Every object is
 * read against a whitelist of keys, so nothing a caller adds reaches the
 * ledger unchecked, and every value's type is checked before it is used.
 */
export type JsonObject = Readonly<Record<string, unknown>>;

export function invalid(detail: string): never {
  return refuse(LedgerErrorCode.invalidArgument, detail);
}

export function parseJson(raw: string, name: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return invalid(`${name} is not valid JSON`);
  }
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object with only the given keys, the required ones present. */
export function asObject(
  value: unknown,
  name: string,
  keys: { required: readonly string[]; optional?: readonly string[] },
): JsonObject {
  if (!isJsonObject(value)) return invalid(`${name} must be a JSON object`);
  const object = value;
  const allowed = [...keys.required, ...(keys.optional ?? [])];
  const unknown = Object.keys(object).find((key) => !allowed.includes(key));
  if (unknown !== undefined) invalid(`${name} has an unknown field '${unknown}'`);
  const missing = keys.required.find((key) => object[key] === undefined);
  if (missing !== undefined) invalid(`${name}.${missing} is required`);
  return object;
}

export function parseObject(
  raw: string,
  name: string,
  keys: { required: readonly string[]; optional?: readonly string[] },
): JsonObject {
  return asObject(parseJson(raw, name), name, keys);
}

export function stringAt(object: JsonObject, key: string, name: string): string {
  const value = object[key];
  return typeof value === 'string' ? value : invalid(`${name}.${key} must be a string`);
}

export function optionalStringAt(
  object: JsonObject,
  key: string,
  name: string,
): string | undefined {
  return object[key] === undefined ? undefined : stringAt(object, key, name);
}

/**
 * An integer within bounds. Fractions are refused rather than rounded: state
 * holds no floating point, and a rounded threshold would not be what was agreed.
 */
export function integerAt(
  object: JsonObject,
  key: string,
  name: string,
  bounds: { min: number; max: number },
): number {
  const value = object[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    return invalid(`${name}.${key} must be an integer`);
  }
  if (value < bounds.min || value > bounds.max) {
    invalid(`${name}.${key} must be from ${bounds.min} to ${bounds.max}`);
  }
  return value;
}

/** An array of at most `max` items, each parsed by `item`, with no item twice. */
export function uniqueArrayAt<T>(
  object: JsonObject,
  key: string,
  name: string,
  max: number,
  item: (value: unknown, itemName: string) => T,
): T[] {
  return uniqueArray(object[key], `${name}.${key}`, max, item);
}

export function uniqueArray<T>(
  value: unknown,
  name: string,
  max: number,
  item: (value: unknown, itemName: string) => T,
): T[] {
  if (!Array.isArray(value)) return invalid(`${name} must be an array`);
  if (value.length > max) invalid(`${name} has more than ${max} items`);
  const items = value.map((v: unknown, i) => item(v, `${name}[${i}]`));
  const seen = new Set<string>();
  for (const parsed of items) {
    const identity = JSON.stringify(parsed);
    if (seen.has(identity)) invalid(`${name} lists ${identity} twice`);
    seen.add(identity);
  }
  return items;
}

/** An item parser for arrays of strings matching a test. */
export function stringMatching(
  test: (value: string) => boolean,
  what: string,
): (value: unknown, itemName: string) => string {
  return (value, itemName) =>
    typeof value === 'string' && test(value) ? value : invalid(`${itemName} must be ${what}`);
}
