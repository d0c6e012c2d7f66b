import { InvalidField } from '../../domain/invalid-field';

/** The problem type GS1's binding gives a refused subscription. */
export const SUBSCRIPTION_PROBLEM = 'epcisException:SubscriptionControlsException';

/** What a stream subscription needs, for a webhook (dest) or a WebSocket (none). */
export interface StreamSubscriptionControls {
  /** Only events recorded from then on are sent; the subscription's creation by default. */
  initialRecordTime?: Date;
}

export interface WebhookSubscriptionRequest extends StreamSubscriptionControls {
  dest: string;
  signatureToken?: string;
}

/** The schedule form of the binding (cron-like fields): not offered here, decision 0020. */
const SCHEDULE_FIELDS = [
  'schedule',
  'second',
  'minute',
  'hour',
  'dayOfMonth',
  'month',
  'dayOfWeek',
];

/** The URL parameters of a WebSocket subscription's handshake (GET /queries/{name}/events). */
export const SUBSCRIPTION_PARAMETERS = [
  'stream',
  'reportIfEmpty',
  'initialRecordTime',
  ...SCHEDULE_FIELDS.filter((field) => field !== 'schedule'),
];

const TOKEN_LENGTH = { min: 16, max: 512 };

export class InvalidSubscription extends Error {
  constructor(readonly problems: InvalidField[]) {
    super(problems.map((p) => `${p.pointer}: ${p.detail}`).join('; '));
  }
}

/**
 * Reads a POST /queries/{name}/subscriptions body; `destinationProblem`
 * says why a dest may not be called, if it may not. `stream` must be true:
 * the binding makes the client say so, so nobody subscribes to a stream by
 * accident; scheduled subscriptions are refused with a clear reason.
 */
export function parseWebhookSubscription(
  body: unknown,
  destinationProblem: (dest: string) => string | undefined,
): WebhookSubscriptionRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidSubscription([{ pointer: '', detail: 'must be a JSON object' }]);
  }
  const fields = body as Record<string, unknown>;
  const problems: InvalidField[] = [];
  const known = ['dest', 'signatureToken', 'stream', 'reportIfEmpty', 'initialRecordTime'];
  for (const key of Object.keys(fields)) {
    if (SCHEDULE_FIELDS.includes(key)) problems.push(scheduleRefused(key));
    else if (!known.includes(key)) {
      problems.push({ pointer: `/${key}`, detail: 'is not a member of a subscription' });
    }
  }
  const { dest, signatureToken } = fields;
  if (typeof dest !== 'string') problems.push({ pointer: '/dest', detail: 'is required (a URL)' });
  else {
    const problem = destinationProblem(dest);
    if (problem !== undefined) problems.push({ pointer: '/dest', detail: problem });
  }
  if (
    signatureToken !== undefined &&
    (typeof signatureToken !== 'string' ||
      signatureToken.length < TOKEN_LENGTH.min ||
      signatureToken.length > TOKEN_LENGTH.max)
  ) {
    problems.push({
      pointer: '/signatureToken',
      detail: `must be a string of ${TOKEN_LENGTH.min} to ${TOKEN_LENGTH.max} characters`,
    });
  }
  const controls = streamControls(
    {
      stream: fields.stream,
      reportIfEmpty: fields.reportIfEmpty,
      initialRecordTime: fields.initialRecordTime,
    },
    problems,
  );
  if (problems.length > 0) throw new InvalidSubscription(problems);
  return {
    dest: dest as string,
    ...(typeof signatureToken === 'string' ? { signatureToken } : {}),
    ...controls,
  };
}

/**
 * Reads the URL parameters of a WebSocket subscription (GET
 * /queries/{name}/events with Upgrade: websocket), which the binding gives
 * as strings: stream=true, and optionally initialRecordTime.
 */
export function parseWebSocketSubscription(
  parameters: URLSearchParams,
): StreamSubscriptionControls {
  const problems: InvalidField[] = [];
  const fields: Record<string, unknown> = {};
  for (const [key, value] of parameters) {
    if (SCHEDULE_FIELDS.includes(key)) problems.push(scheduleRefused(key));
    else if (key === 'stream' || key === 'reportIfEmpty') fields[key] = parseFlag(value);
    else if (key === 'initialRecordTime') fields[key] = value;
    else problems.push({ pointer: `/${key}`, detail: 'is not a subscription parameter' });
  }
  const controls = streamControls(fields, problems);
  if (problems.length > 0) throw new InvalidSubscription(problems);
  return controls;
}

function streamControls(
  fields: { stream?: unknown; reportIfEmpty?: unknown; initialRecordTime?: unknown },
  problems: InvalidField[],
): StreamSubscriptionControls {
  if (fields.stream !== true) {
    problems.push({ pointer: '/stream', detail: 'must be true: this repository streams matches' });
  }
  // reportIfEmpty belongs to schedules; a stream only ever sends a match.
  if (fields.reportIfEmpty !== undefined && fields.reportIfEmpty !== false) {
    problems.push({
      pointer: '/reportIfEmpty',
      detail: 'applies to scheduled subscriptions; a stream sends only matching events',
    });
  }
  if (fields.initialRecordTime === undefined) return {};
  const when =
    typeof fields.initialRecordTime === 'string' && DATE_TIME.test(fields.initialRecordTime)
      ? new Date(fields.initialRecordTime)
      : undefined;
  if (when === undefined || Number.isNaN(when.getTime())) {
    problems.push({
      pointer: '/initialRecordTime',
      detail: 'must be an ISO 8601 date-time with a time zone',
    });
    return {};
  }
  return { initialRecordTime: when };
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function parseFlag(value: string): boolean | string {
  return value === 'true' ? true : value === 'false' ? false : value;
}

function scheduleRefused(key: string): InvalidField {
  return {
    pointer: `/${key}`,
    detail: 'scheduled subscriptions are not offered here; subscribe with stream: true',
  };
}
