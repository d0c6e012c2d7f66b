import type { JsonLd, RemoteDocument } from 'jsonld/jsonld-spec';
import { EPCIS_CONTEXT } from '../context';
import standardContext from './contexts/epcis-context.json';
import simpleContext from './contexts/epcis-context-simple.json';

/** A document names a @context this service does not hold: refused, never fetched. */
export class UnknownContextError extends Error {
  constructor(readonly url: string) {
    super(
      `the @context ${url} is not one this service holds (it holds ${[...LOCAL_CONTEXTS.keys()].join(', ')}); remote contexts are never fetched`,
    );
  }
}

/** Where GS1 publishes its simple EPCIS 2.0 context (gs1/EPCIS, JSON-simple-context). */
export const EPCIS_SIMPLE_CONTEXT = 'https://gs1.github.io/EPCIS/epcis-context-simple.jsonld';

/**
 * The JSON-LD contexts held locally (copies from gs1/EPCIS, see contexts/SOURCE.md), under every
 * address GS1 publishes them at. Nothing else is loaded: no network at run time.
 */
// @types/jsonld types "@version" as the string "1.1"; JSON-LD (and GS1's files) write the number.
const STANDARD = standardContext as unknown as JsonLd;
const SIMPLE = simpleContext as unknown as JsonLd;

const LOCAL_CONTEXTS = new Map<string, JsonLd>([
  [EPCIS_CONTEXT, STANDARD],
  ['https://gs1.github.io/EPCIS/epcis-context.jsonld', STANDARD],
  [EPCIS_SIMPLE_CONTEXT, SIMPLE],
]);

/** jsonld.js's document loader: the local copy, or a refusal. */
export function localDocumentLoader(url: string): Promise<RemoteDocument> {
  const document = LOCAL_CONTEXTS.get(url);
  if (document === undefined) return Promise.reject(new UnknownContextError(url));
  return Promise.resolve({ contextUrl: undefined, documentUrl: url, document });
}
