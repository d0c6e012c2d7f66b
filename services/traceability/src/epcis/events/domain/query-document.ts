import { EPCIS_CONTEXT } from '@pujiang/epcis';

export interface ResultEvent {
  document: Record<string, unknown>;
  context: unknown;
  recordTime: string;
}

/** An event as the repository shows it: as captured, with its eventID and recordTime. */
export function presentEvent(event: ResultEvent): Record<string, unknown> {
  return { ...event.document, recordTime: event.recordTime };
}

/**
 * The EPCISQueryDocument for a page of results. Its @context carries the
 * standard context plus every other context entry the events were captured
 * with, so user-extension prefixes in the events still resolve.
 */
export function queryDocument(events: readonly ResultEvent[], creationDate: Date) {
  const extra = new Map<string, unknown>();
  for (const event of events) {
    for (const entry of contextEntries(event.context)) {
      if (entry !== EPCIS_CONTEXT) extra.set(JSON.stringify(entry), entry);
    }
  }
  return {
    '@context': [EPCIS_CONTEXT, ...extra.values()],
    type: 'EPCISQueryDocument',
    schemaVersion: '2.0',
    creationDate: creationDate.toISOString(),
    epcisBody: {
      queryResults: {
        queryName: 'SimpleEventQuery',
        resultsBody: { eventList: events.map(presentEvent) },
      },
    },
  };
}

/** The document @context stored beside the event (see EventHashContext). */
function contextEntries(stored: unknown): unknown[] {
  const context = (stored as { jsonLdContext?: unknown } | null)?.jsonLdContext;
  if (context === null || context === undefined) return [];
  return Array.isArray(context) ? context : [context];
}
