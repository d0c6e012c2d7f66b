import { EPCIS_CONTEXT } from '@pujiang/epcis';
import { shippingEvent } from '../../support/shipping-events';
import { ORG1_PACKER, bearer } from '../../support/stack-tokens';

/** One POST to the capture interface and what the service answered. */
export interface CaptureAttempt {
  route: '/events' | '/capture';
  /** One serial per event sent; each event's only EPC ends in it. */
  serials: string[];
  /** 0 when no answer came (connection refused, reset or timed out). */
  status: number;
  contentType: string;
  /** Events the service says it stored: 1 for a 201, the job's capturedCount for a 202. */
  stored: number;
  sentAt: number;
  answeredAt: number;
}

export interface CaptureLoad {
  /** Clients posting one event at a time to POST /events. */
  eventClients: number;
  /** Clients posting small EPCISDocuments to POST /capture. */
  documentClients: number;
  eventsPerDocument: number;
}

function storedBy(status: number, body: string): number {
  if (status === 201) return 1;
  if (status !== 202) return 0;
  return (JSON.parse(body) as { capturedCount: number }).capturedCount;
}

/**
 * Captures from several clients at once, as packers' and carriers' systems
 * do, until `outage` has run its course; every attempt is recorded with its
 * answer so the test can reconcile what was accepted against what was stored.
 * The clients capture as Org1's packer, with one token for the whole run (an
 * hour's, longer than any outage here), so a refusal is never about the caller.
 */
export async function captureDuring<T>(
  url: string,
  run: string,
  load: CaptureLoad,
  outage: () => Promise<T>,
): Promise<{ attempts: CaptureAttempt[]; outage: T }> {
  const attempts: CaptureAttempt[] = [];
  const packer = await bearer(ORG1_PACKER);
  let next = 0;
  let stop = false;
  const post = async (route: CaptureAttempt['route'], serials: string[], body: unknown) => {
    const sentAt = Date.now();
    try {
      const res = await fetch(`${url}${route}`, {
        method: 'POST',
        headers: {
          ...packer,
          'content-type': route === '/events' ? 'application/json' : 'application/ld+json',
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      attempts.push({
        route,
        serials,
        status: res.status,
        contentType: res.headers.get('content-type') ?? '',
        stored: storedBy(res.status, text),
        sentAt,
        answeredAt: Date.now(),
      });
    } catch {
      attempts.push({
        route,
        serials,
        status: 0,
        contentType: '',
        stored: 0,
        sentAt,
        answeredAt: Date.now(),
      });
    }
  };
  const eventClient = async () => {
    while (!stop) {
      const serial = `${run}${next++}`;
      await post('/events', [serial], { '@context': [EPCIS_CONTEXT], ...shippingEvent(serial) });
    }
  };
  const documentClient = async () => {
    while (!stop) {
      const serials = Array.from({ length: load.eventsPerDocument }, () => `${run}${next++}`);
      await post('/capture', serials, {
        '@context': [EPCIS_CONTEXT],
        type: 'EPCISDocument',
        schemaVersion: '2.0',
        creationDate: new Date().toISOString(),
        epcisBody: { eventList: serials.map(shippingEvent) },
      });
    }
  };
  const clients = [
    ...Array.from({ length: load.eventClients }, eventClient),
    ...Array.from({ length: load.documentClients }, documentClient),
  ];
  try {
    return { attempts, outage: await outage() };
  } finally {
    stop = true;
    await Promise.all(clients);
  }
}
