import { InvalidField } from '../../domain/invalid-field';
import { QuerySchedule, SCHEDULE_FIELDS, scheduleProblems } from './query-schedule';

/** The problem type GS1's binding gives a refused subscription. */
export const SUBSCRIPTION_PROBLEM = 'epcisException:SubscriptionControlsException';

/**
 * When a subscription reports: on every match (`stream`), or on a schedule
 * with what matched since the last run (`schedule`); the binding makes them
 * exclusive. Both may start from an earlier `initialRecordTime`.
 */
export interface SubscriptionControls {
  /** Events recorded from then on are sent, older ones too; the subscription's creation by default. */
  initialRecordTime?: Date;
  schedule?: QuerySchedule;
  /** With a schedule: a run that matched nothing still reports (an empty result). */
  reportIfEmpty?: boolean;
}

export interface WebhookSubscriptionRequest extends SubscriptionControls {
  dest: string;
  signatureToken?: string;
}

/** The URL parameters of a WebSocket subscription's handshake (GET /queries/{name}/events). */
export const SUBSCRIPTION_PARAMETERS = [
  'stream',
  'reportIfEmpty',
  'initialRecordTime',
  ...SCHEDULE_FIELDS,
];

const TOKEN_LENGTH = { min: 16, max: 512 };

export class InvalidSubscription extends Error {
  constructor(readonly problems: InvalidField[]) {
    super(problems.map((p) => `${p.pointer}: ${p.detail}`).join('; '));
  }
}

/**
 * Reads a POST /queries/{name}/subscriptions body; `destinationProblem`
 * says why a dest may not be called, if it may not. It says `stream: true`
 * or gives a `schedule`, not both: the binding makes the client choose, so
 * nobody subscribes to a stream by accident.
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
    if (!known.includes(key) && key !== 'schedule') {
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
  if (fields.schedule !== undefined) {
    problems.push(...scheduleProblems(fields.schedule, '/schedule'));
  }
  const controls = subscriptionControls(
    {
      stream: fields.stream,
      schedule: fields.schedule,
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
 * as strings: stream=true or the schedule's fields (second=0&minute=5…),
 * reportIfEmpty with a schedule, and optionally initialRecordTime.
 */
export function parseWebSocketSubscription(parameters: URLSearchParams): SubscriptionControls {
  const problems: InvalidField[] = [];
  const fields: Record<string, unknown> = {};
  const schedule: Record<string, string> = {};
  for (const [key, value] of parameters) {
    if ((SCHEDULE_FIELDS as readonly string[]).includes(key)) schedule[key] = value;
    else if (key === 'stream' || key === 'reportIfEmpty') fields[key] = parseFlag(value);
    else if (key === 'initialRecordTime') fields[key] = value;
    else problems.push({ pointer: `/${key}`, detail: 'is not a subscription parameter' });
  }
  if (Object.keys(schedule).length > 0) {
    fields.schedule = schedule;
    // The fields are parameters of their own here, so a problem names the parameter.
    problems.push(...scheduleProblems(schedule, ''));
  }
  const controls = subscriptionControls(fields, problems);
  if (problems.length > 0) throw new InvalidSubscription(problems);
  return controls;
}

function subscriptionControls(
  fields: {
    stream?: unknown;
    schedule?: unknown;
    reportIfEmpty?: unknown;
    initialRecordTime?: unknown;
  },
  problems: InvalidField[],
): SubscriptionControls {
  const scheduled = fields.schedule !== undefined;
  if (scheduled && fields.stream !== undefined && fields.stream !== false) {
    problems.push({
      pointer: '/stream',
      detail: 'a subscription streams or has a schedule, not both',
    });
  } else if (!scheduled && fields.stream !== true) {
    problems.push({ pointer: '/stream', detail: 'must be true, or give a schedule instead' });
  }
  if (fields.reportIfEmpty !== undefined && typeof fields.reportIfEmpty !== 'boolean') {
    problems.push({ pointer: '/reportIfEmpty', detail: 'must be true or false' });
  } else if (!scheduled && fields.reportIfEmpty === true) {
    // A stream only ever sends a match; reporting emptiness needs a schedule.
    problems.push({
      pointer: '/reportIfEmpty',
      detail: 'applies to scheduled subscriptions; a stream sends only matching events',
    });
  }
  const controls: SubscriptionControls = scheduled
    ? {
        schedule: fields.schedule as QuerySchedule,
        reportIfEmpty: fields.reportIfEmpty === true,
      }
    : {};
  if (fields.initialRecordTime === undefined) return controls;
  const when =
    typeof fields.initialRecordTime === 'string' && DATE_TIME.test(fields.initialRecordTime)
      ? new Date(fields.initialRecordTime)
      : undefined;
  if (when === undefined || Number.isNaN(when.getTime())) {
    problems.push({
      pointer: '/initialRecordTime',
      detail: 'must be an ISO 8601 date-time with a time zone',
    });
    return controls;
  }
  return { ...controls, initialRecordTime: when };
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function parseFlag(value: string): boolean | string {
  return value === 'true' ? true : value === 'false' ? false : value;
}
