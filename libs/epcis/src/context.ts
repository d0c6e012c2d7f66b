/**
 * The standard JSON-LD @context of EPCIS 2.0, as GS1 publishes it: what every EPCIS document,
 * stand-alone event and query document carries, and what a repository answers with.
 */
export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
