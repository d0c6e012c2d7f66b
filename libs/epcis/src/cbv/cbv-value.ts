import { STANDARD_NAMESPACES, expandValue, type Namespaces } from '../event-hash/namespaces';

/**
 * GS1 CBV 2.0 vocabulary values as their web URIs: the one expansion that the event hash, the
 * repository's index columns and its queries all use.
 */

/** Where bare CBV words of a field live (JSON-LD `@type: @vocab` terms of the EPCIS context). */
export type Vocabulary = 'BizStep' | 'Disp' | 'BTT' | 'SDT' | 'ER' | 'Comp' | 'gs1';

const VOCABULARY_BASE: Readonly<Record<Vocabulary, string>> = {
  BizStep: 'https://ref.gs1.org/cbv/BizStep-',
  Disp: 'https://ref.gs1.org/cbv/Disp-',
  BTT: 'https://ref.gs1.org/cbv/BTT-',
  SDT: 'https://ref.gs1.org/cbv/SDT-',
  ER: 'https://ref.gs1.org/cbv/ER-',
  Comp: 'https://ref.gs1.org/cbv/Comp-',
  gs1: 'https://gs1.org/voc/',
};

/** The EPCIS 1.x URN forms of CBV vocabulary and their CBV 2.0 web URIs. */
const CBV_URN_PREFIXES: readonly (readonly [string, string])[] = [
  ['urn:epcglobal:cbv:bizstep:', VOCABULARY_BASE.BizStep],
  ['urn:epcglobal:cbv:disp:', VOCABULARY_BASE.Disp],
  ['urn:epcglobal:cbv:btt:', VOCABULARY_BASE.BTT],
  ['urn:epcglobal:cbv:sdt:', VOCABULARY_BASE.SDT],
  ['urn:epcglobal:cbv:er:', VOCABULARY_BASE.ER],
];

/** A bare vocabulary word (`shipping`, `in_transit`), as opposed to a URI or compact IRI. */
export function isBareWord(text: string): boolean {
  return /^[A-Za-z0-9_]+$/.test(text);
}

/** A bare word of a vocabulary as its web URI (`shipping` → …/cbv/BizStep-shipping). */
export function vocabularyUri(word: string, vocabulary: Vocabulary): string {
  return VOCABULARY_BASE[vocabulary] + word;
}

/** An EPCIS 1.x CBV URN (`urn:epcglobal:cbv:bizstep:shipping`) as its web URI, else undefined. */
export function cbvUrnAsWebUri(text: string): string | undefined {
  for (const [urn, web] of CBV_URN_PREFIXES) {
    if (text.startsWith(urn)) return web + text.slice(urn.length);
  }
  return undefined;
}

/**
 * A value of a CBV-typed field (bizStep, disposition …) as its web URI, however it was written:
 * bare (`shipping`), as an EPCIS 1.x URN, as a compact IRI (`cbv:BizStep-shipping`) or already
 * as the URI. Anything else (a user's own vocabulary) is returned as written, trimmed.
 */
export function cbvValue(
  text: string,
  vocabulary: Vocabulary,
  namespaces: Namespaces = STANDARD_NAMESPACES,
): string {
  const value = text.trim();
  if (isBareWord(value)) return vocabularyUri(value, vocabulary);
  const expanded = expandValue(value, namespaces);
  return cbvUrnAsWebUri(expanded) ?? expanded;
}
