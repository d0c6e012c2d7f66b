import { randomUUID } from 'node:crypto';

/**
 * A CloudEvents 1.0 envelope, sent over Kafka in structured mode: the whole
 * envelope is the record value (content type application/cloudevents+json),
 * so a message is self-describing wherever it is replayed or dead-lettered.
 */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject?: string;
  time: string;
  datacontenttype: 'application/json';
  data: T;
  /**
   * Extension attributes the outbox adds (docs/decisions/0029): the W3C trace
   * context of the span that wrote the message (CloudEvents' distributed-tracing
   * extension), and the x-request-id of the request(s) it follows from,
   * space-separated when several (an anchor batch).
   */
  traceparent?: string;
  tracestate?: string;
  correlationid?: string;
}

export const CLOUD_EVENT_CONTENT_TYPE = 'application/cloudevents+json; charset=UTF-8';

export interface NewCloudEvent<T> {
  source: string;
  type: string;
  data: T;
  subject?: string;
  /** Pass a stable id when the event's identity is known, so re-sends de-duplicate. */
  id?: string;
}

export function createCloudEvent<T>(event: NewCloudEvent<T>, now = new Date()): CloudEvent<T> {
  return {
    specversion: '1.0',
    id: event.id ?? randomUUID(),
    source: event.source,
    type: event.type,
    ...(event.subject !== undefined ? { subject: event.subject } : {}),
    time: now.toISOString(),
    datacontenttype: 'application/json',
    data: event.data,
  };
}

export class MalformedCloudEventError extends Error {
  override name = 'MalformedCloudEventError';
}

/** Reads a structured-mode record value; anything that is not a CloudEvent is refused. */
export function parseCloudEvent(value: Buffer | null): CloudEvent {
  if (value === null) throw new MalformedCloudEventError('record has no value');
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    throw new MalformedCloudEventError('record value is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null) {
    throw new MalformedCloudEventError('record value is not a JSON object');
  }
  const event = parsed as Record<string, unknown>;
  if (event.specversion !== '1.0') {
    throw new MalformedCloudEventError('specversion must be "1.0"');
  }
  for (const attribute of ['id', 'source', 'type', 'time'] as const) {
    if (typeof event[attribute] !== 'string' || event[attribute] === '') {
      throw new MalformedCloudEventError(`attribute "${attribute}" is required`);
    }
  }
  return parsed as CloudEvent;
}
