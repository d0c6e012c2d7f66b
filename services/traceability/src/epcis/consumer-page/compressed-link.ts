import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '@pujiang/http';
import { DigitalLinkCompressionError, decompressDigitalLink } from '@pujiang/standards';
import { PageSubject } from './provenance-pages';

/** The AIs a page is for: GTIN (01) alone or with a lot (10) or serial (21), or an SSCC (00). */
const PAGE_KEYS = new Set(['00', '01', '10', '21']);

/**
 * A compressed GS1 Digital Link read as its uncompressed twin: the subject its
 * path names, and the query its twin would carry (data attributes by AI, other
 * key=value pairs such as linkType), which the request's own query extends.
 */
export function compressedLink(
  compressed: string,
  query: Readonly<Record<string, unknown>>,
): { subject: PageSubject; query: Record<string, unknown> } {
  let link: ReturnType<typeof decompressDigitalLink>;
  try {
    link = decompressDigitalLink(compressed);
  } catch (error) {
    if (!(error instanceof DigitalLinkCompressionError)) throw error;
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      `${compressed} is not a compressed GS1 Digital Link: ${error.message}`,
      'about:blank',
      [{ pointer: '/compressed', detail: error.message }],
    );
  }
  const keys = new Map(
    link.elements.filter((e) => PAGE_KEYS.has(e.ai)).map((e) => [e.ai, e.value]),
  );
  const attributes = link.elements.filter((e) => !PAGE_KEYS.has(e.ai) && !/^(22|235)$/.test(e.ai));
  const twinQuery = {
    ...Object.fromEntries(attributes.map((e) => [e.ai, e.value])),
    ...Object.fromEntries(link.others),
    ...query,
  };
  const unserved = link.elements.length - attributes.length - keys.size;
  const subject = unserved > 0 ? undefined : pageSubject(keys);
  if (subject === undefined) {
    throw new ProblemException(
      HttpStatus.NOT_FOUND,
      'This resolver has a page for a GTIN alone, a GTIN with its lot or serial, or an SSCC',
    );
  }
  return { subject, query: twinQuery };
}

/** The page the keys name, as the uncompressed routes have them; undefined for any other mix. */
function pageSubject(keys: ReadonlyMap<string, string>): PageSubject | undefined {
  const [gtin, lot, serial, sscc] = ['01', '10', '21', '00'].map((ai) => keys.get(ai));
  if (sscc !== undefined)
    return keys.size === 1 ? { code: { kind: 'sscc', value: sscc } } : undefined;
  if (gtin === undefined || (lot !== undefined && serial !== undefined)) return undefined;
  if (lot !== undefined) return { gtin, code: { kind: 'lot', value: lot } };
  if (serial !== undefined) return { gtin, code: { kind: 'serial', value: serial } };
  return { gtin };
}
