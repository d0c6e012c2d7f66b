/**
 * The GS1-* headers of the EPCIS 2.0 REST binding: which EPCIS and CBV versions this
 * repository speaks, and whether a client's stated range (`GS1-EPCIS-Min`/`-Max`,
 * `GS1-CBV-Min`/`-Max`) and formats (`GS1-EPC-Format`, `GS1-CBV-XML-Format`) can be served.
 */

export const EPCIS_VERSION = '2.0.0';
export const CBV_VERSION = '2.0.0';

/** Events are answered as captured: identifiers and CBV values keep the sender's spelling. */
export const EPC_FORMAT = 'Never_Translates';
const EPC_FORMATS = ['No_Preference', 'Always_GS1_Digital_Link', 'Always_EPC_URN', EPC_FORMAT];
const CBV_XML_FORMATS = ['No_Preference', 'Always_Web_URI', 'Always_URN', EPC_FORMAT];

/** Headers every answer of the binding carries. */
export const VERSION_HEADERS: Readonly<Record<string, string>> = {
  'GS1-EPCIS-Version': EPCIS_VERSION,
  'GS1-CBV-Version': CBV_VERSION,
};

/** What OPTIONS tells of a resource, besides the methods it allows. */
export function discoveryHeaders(allow: readonly string[]): Record<string, string> {
  return {
    Allow: allow.join(', '),
    ...VERSION_HEADERS,
    'GS1-EPCIS-Min': EPCIS_VERSION,
    'GS1-EPCIS-Max': EPCIS_VERSION,
    'GS1-CBV-Min': CBV_VERSION,
    'GS1-CBV-Max': CBV_VERSION,
    'GS1-EPC-Format': EPC_FORMAT,
    'GS1-CBV-XML-Format': EPC_FORMAT,
  };
}

type Headers = Record<string, string | string[] | undefined>;

const VERSION = /^\d+(\.\d+)*$/;
/** One GS1-Extensions entry: a JSON-LD prefix and the namespace URI it stands for. */
const EXTENSION = /^[A-Za-z_][\w.-]*=[A-Za-z][\w+.-]*:\S+$/;

/** Compares dotted versions numerically; a missing part is 0 (2 = 2.0 = 2.0.0). */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/**
 * Why this repository cannot answer a request with these headers (one reason a header), or
 * nothing when it can. A range that leaves out the version spoken here is not acceptable
 * (406 NotAcceptableException), as is a malformed version or an unknown format.
 */
export function unacceptableHeaders(headers: Headers): string[] {
  const reasons: string[] = [];
  const one = (name: string): string | undefined => {
    const value = headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(',') : value;
  };
  const range = (standard: string, spoken: string) => {
    const min = one(`GS1-${standard}-Min`);
    const max = one(`GS1-${standard}-Max`);
    for (const [name, value] of [
      [`GS1-${standard}-Min`, min],
      [`GS1-${standard}-Max`, max],
    ] as const) {
      if (value !== undefined && !VERSION.test(value.trim())) {
        reasons.push(`${name} must be a version such as ${spoken}`);
      }
    }
    if (reasons.length > 0) return;
    if (
      (min !== undefined && compareVersions(min.trim(), spoken) > 0) ||
      (max !== undefined && compareVersions(max.trim(), spoken) < 0)
    ) {
      reasons.push(`this repository speaks ${standard} ${spoken} only`);
    }
  };
  range('EPCIS', EPCIS_VERSION);
  range('CBV', CBV_VERSION);
  const format = (name: string, allowed: readonly string[]) => {
    const value = one(name);
    if (value !== undefined && !allowed.includes(value.trim())) {
      reasons.push(`${name} must be one of ${allowed.join(', ')}`);
    }
  };
  format('GS1-EPC-Format', EPC_FORMATS);
  format('GS1-CBV-XML-Format', CBV_XML_FORMATS);
  // The version a request's own document is written in: any version, but a version.
  for (const name of ['GS1-EPCIS-Version', 'GS1-CBV-Version']) {
    const value = one(name);
    if (value !== undefined && !VERSION.test(value.trim())) {
      reasons.push(`${name} must be a version such as 2.0.0`);
    }
  }
  const extensions = one('GS1-Extensions');
  if (extensions !== undefined && !extensions.split(',').every((e) => EXTENSION.test(e.trim()))) {
    reasons.push('GS1-Extensions must list prefix=URI pairs, separated by commas');
  }
  return reasons;
}
