import { MalformedCloudEventError, createCloudEvent, parseCloudEvent } from './cloud-event';

describe('CloudEvents envelope', () => {
  const event = createCloudEvent(
    { id: 'evt-1', source: '/pujiang/test', type: 'dev.pujiang.test.v1', data: { a: 1 } },
    new Date('2026-11-23T08:00:00Z'),
  );

  it('carries the CloudEvents 1.0 required attributes', () => {
    expect(event).toEqual({
      specversion: '1.0',
      id: 'evt-1',
      source: '/pujiang/test',
      type: 'dev.pujiang.test.v1',
      time: '2026-11-23T08:00:00.000Z',
      datacontenttype: 'application/json',
      data: { a: 1 },
    });
  });

  it('gives each event a fresh id unless one is given', () => {
    const a = createCloudEvent({ source: 's', type: 't', data: {} });
    const b = createCloudEvent({ source: 's', type: 't', data: {} });
    expect(a.id).not.toBe(b.id);
  });

  it('reads back what it wrote', () => {
    expect(parseCloudEvent(Buffer.from(JSON.stringify(event)))).toEqual(event);
  });

  it.each([
    ['no value', null],
    ['not JSON', Buffer.from('{nope')],
    ['a JSON array', Buffer.from('[]')],
    ['another spec version', Buffer.from(JSON.stringify({ ...event, specversion: '0.3' }))],
    ['no id', Buffer.from(JSON.stringify({ ...event, id: '' }))],
    ['no type', Buffer.from(JSON.stringify({ ...event, type: undefined }))],
  ])('refuses %s', (_case, value) => {
    expect(() => parseCloudEvent(value)).toThrow(MalformedCloudEventError);
  });
});
