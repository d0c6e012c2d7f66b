/** Versions this repository speaks, sent on every answer of the queries resources. */
export const VERSION_HEADERS = {
  'GS1-EPCIS-Version': '2.0.0',
  'GS1-EPCIS-Min': '2.0.0',
  'GS1-EPCIS-Max': '2.0.0',
  'GS1-CBV-Version': '2.0.0',
  'GS1-CBV-Min': '2.0.0',
  'GS1-CBV-Max': '2.0.0',
};

/** The headers of an OPTIONS answer (the binding's discovery) for a resource allowing `methods`. */
export function discoveryHeaders(...methods: string[]): Record<string, string> {
  return { Allow: ['OPTIONS', ...methods].join(', '), ...VERSION_HEADERS };
}
