import { canonicalIdentifier } from '@pujiang/epcis';
import { InvalidField } from '../../domain/invalid-field';

/**
 * One EPCIS vocabulary element (EPCIS 2.0 §7.3.3 master data): a trade item,
 * a location or a party, its attributes by attribute id, and its children's
 * ids (a location's sub-locations). Ids are canonical, as events store them.
 */
export interface MasterDataElement {
  id: string;
  vocabularyType: string;
  attributes: Record<string, unknown>;
  children: string[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Past these, a vocabulary list is not master data but a bulk load: refuse it. */
export const MASTER_DATA_LIMITS = { elements: 1000, attributes: 100, children: 1000 };

/**
 * Reads `epcisMasterData` (the header's, or the API's body, which has the
 * same shape: `{ vocabularyList: [{ type, vocabularyElementList: [{ id,
 * attributes: [{ id, attribute }], children: [id] }] }] }`). Problems are
 * reported by JSON Pointer under `base`, all of them, and nothing is kept.
 */
export function readVocabularyList(
  masterData: unknown,
  base: string,
): { elements: MasterDataElement[]; problems: InvalidField[] } {
  const problems: InvalidField[] = [];
  const elements: MasterDataElement[] = [];
  const fail = (pointer: string, detail: string) => problems.push({ pointer, detail });
  if (!isObject(masterData) || !Array.isArray(masterData.vocabularyList)) {
    fail(`${base}/vocabularyList`, 'must be an array of vocabularies');
    return { elements, problems };
  }
  masterData.vocabularyList.forEach((vocabulary: unknown, v) => {
    const at = `${base}/vocabularyList/${v}`;
    if (!isObject(vocabulary) || typeof vocabulary.type !== 'string' || vocabulary.type === '') {
      return fail(`${at}/type`, 'must be the vocabulary type URI');
    }
    const list: unknown =
      vocabulary.vocabularyElementList === undefined ? [] : vocabulary.vocabularyElementList;
    if (!Array.isArray(list)) return fail(`${at}/vocabularyElementList`, 'must be an array');
    list.forEach((element: unknown, e) => {
      const el = `${at}/vocabularyElementList/${e}`;
      const read = readElement(element, vocabulary.type as string, el, fail);
      if (read !== undefined) elements.push(read);
    });
  });
  if (elements.length > MASTER_DATA_LIMITS.elements) {
    fail(`${base}/vocabularyList`, `holds more than ${MASTER_DATA_LIMITS.elements} elements`);
  }
  return { elements, problems };
}

function readElement(
  element: unknown,
  vocabularyType: string,
  at: string,
  fail: (pointer: string, detail: string) => void,
): MasterDataElement | undefined {
  if (!isObject(element) || typeof element.id !== 'string' || element.id.trim() === '') {
    fail(`${at}/id`, 'must be the element’s URI');
    return undefined;
  }
  const attributes: Record<string, unknown> = {};
  const given: unknown = element.attributes === undefined ? [] : element.attributes;
  if (!Array.isArray(given) || given.length > MASTER_DATA_LIMITS.attributes) {
    fail(`${at}/attributes`, `must be an array of at most ${MASTER_DATA_LIMITS.attributes}`);
    return undefined;
  }
  for (const [a, attribute] of given.entries()) {
    if (!isObject(attribute) || typeof attribute.id !== 'string' || attribute.id === '') {
      fail(`${at}/attributes/${a}/id`, 'must be the attribute’s URI');
      return undefined;
    }
    attributes[attribute.id] = attribute.attribute ?? null;
  }
  const children: unknown = element.children === undefined ? [] : element.children;
  if (
    !Array.isArray(children) ||
    children.length > MASTER_DATA_LIMITS.children ||
    !children.every((c): c is string => typeof c === 'string' && c.trim() !== '')
  ) {
    fail(`${at}/children`, 'must be an array of element URIs');
    return undefined;
  }
  return {
    id: canonicalIdentifier(element.id),
    vocabularyType,
    attributes,
    children: children.map(canonicalIdentifier),
  };
}

/**
 * The GS1 company prefix digits of a canonical GS1 key URI, for deciding who
 * may describe it: a GTIN without its indicator digit, an SSCC without its
 * extension digit, a GLN (place or party) as it is. Undefined for anything
 * that is no GS1 key (nobody's master data to write here).
 */
export function keyDigits(id: string): string | undefined {
  const key = /^https:\/\/id\.gs1\.org\/(01|00|414|417)\/(\d+)/.exec(id);
  if (key === null) return undefined;
  const [, ai, digits] = key as unknown as [string, string, string];
  return ai === '01' || ai === '00' ? digits.slice(1) : digits;
}

/**
 * Who may write an element's master data: an organisation describes only
 * the keys of its own GS1 company prefixes (decision 0021), as a brand owner
 * does in GS1's registry. The elements it may not describe, with why.
 */
export function foreignElements(
  elements: readonly MasterDataElement[],
  prefixes: readonly string[],
): { id: string; detail: string }[] {
  return elements.flatMap((element) => {
    const digits = keyDigits(element.id);
    if (digits === undefined) {
      return [{ id: element.id, detail: 'is not a GTIN, GLN or SSCC: no company owns it here' }];
    }
    return prefixes.some((prefix) => digits.startsWith(prefix))
      ? []
      : [{ id: element.id, detail: 'is not under a GS1 company prefix of your organisation' }];
  });
}
