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
          { dest: 'https://a.example/', schedule: { hour: '1' } },
          noProblem,
        ),
      ),
    ).toEqual(['/schedule', '/stream']);
  });

  it('reads the WebSocket handshake’s URL parameters', () => {
    expect(parseWebSocketSubscription(new URLSearchParams('stream=true'))).toEqual({});
    expect(problemsOf(() => parseWebSocketSubscription(new URLSearchParams('hour=1')))).toEqual([
      '/hour',
      '/stream',
    ]);
    expect(
      problemsOf(() =>
        parseWebSocketSubscription(new URLSearchParams('stream=true&initialRecordTime=soon')),
      ),
    ).toEqual(['/initialRecordTime']);
  });
});
