import {
  InvalidSubscription,
  parseWebSocketSubscription,
  parseWebhookSubscription,
} from './subscription-request';

const noProblem = () => undefined;

const problemsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidSubscription) return error.problems.map((p) => p.pointer);
    throw error;
  }
  return [];
};

describe('a subscription request', () => {
  it('reads a webhook stream subscription, keeping the token and the initial record time', () => {
    expect(
      parseWebhookSubscription(
        {
          dest: 'https://client.example.com/queryCallback',
          signatureToken: '13df38d8275b13f05704629e5f1cf3d45d6132d5',
          stream: true,
          initialRecordTime: '2026-01-01T00:00:00Z',
        },
        noProblem,
      ),
    ).toEqual({
      dest: 'https://client.example.com/queryCallback',
      signatureToken: '13df38d8275b13f05704629e5f1cf3d45d6132d5',
      initialRecordTime: new Date('2026-01-01T00:00:00Z'),
    });
  });

  it('refuses what the binding or this repository does not allow, naming each field', () => {
    expect(
      problemsOf(() =>
        parseWebhookSubscription(
          { dest: 'http://10.0.0.1/', signatureToken: 'x', reportIfEmpty: true, colour: 'red' },
          () => 'refused',
        ),
      ).sort(),
    ).toEqual(['/colour', '/dest', '/reportIfEmpty', '/signatureToken', '/stream']);
    expect(
      problemsOf(() =>
        parseWebhookSubscription(
          { dest: 'https://a.example/', schedule: { hour: '1' }, stream: true },
          noProblem,
        ),
      ),
    ).toEqual(['/stream']);
    expect(
      problemsOf(() =>
        parseWebhookSubscription(
          { dest: 'https://a.example/', schedule: { hour: '25' }, reportIfEmpty: 'yes' },
          noProblem,
        ),
      ),
    ).toEqual(['/schedule/hour', '/reportIfEmpty']);
  });

  it('reads a scheduled webhook subscription: the schedule is exclusive of stream', () => {
    expect(
      parseWebhookSubscription(
        {
          dest: 'https://client.example.com/queryCallback',
          reportIfEmpty: true,
          schedule: { hour: '1', minute: '5' },
        },
        noProblem,
      ),
    ).toEqual({
      dest: 'https://client.example.com/queryCallback',
      schedule: { hour: '1', minute: '5' },
      reportIfEmpty: true,
    });
    expect(
      parseWebhookSubscription(
        { dest: 'https://a.example/', schedule: { second: '0' }, stream: false },
        noProblem,
      ),
    ).toEqual({ dest: 'https://a.example/', schedule: { second: '0' }, reportIfEmpty: false });
  });

  it('reads the WebSocket handshake’s URL parameters', () => {
    expect(parseWebSocketSubscription(new URLSearchParams('stream=true'))).toEqual({});
    expect(
      parseWebSocketSubscription(new URLSearchParams('hour=1&minute=5&reportIfEmpty=true')),
    ).toEqual({ schedule: { hour: '1', minute: '5' }, reportIfEmpty: true });
    expect(
      problemsOf(() => parseWebSocketSubscription(new URLSearchParams('hour=1&stream=true'))),
    ).toEqual(['/stream']);
    expect(problemsOf(() => parseWebSocketSubscription(new URLSearchParams('hour=x')))).toEqual([
      '/hour',
    ]);
    expect(
      problemsOf(() =>
        parseWebSocketSubscription(new URLSearchParams('stream=true&initialRecordTime=soon')),
      ),
    ).toEqual(['/initialRecordTime']);
  });
});
