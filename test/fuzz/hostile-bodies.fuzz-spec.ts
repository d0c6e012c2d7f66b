import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EPCIS_CONTEXT } from '@pujiang/epcis';
import { Client } from 'pg';
import { CAPTURE_LIMITS } from '../../services/traceability/src/epcis/capture/domain/capture-job';
import { shippingEvent } from '../support/shipping-events';
import { stackEnv } from '../support/stack-env';
import { ORG1_PACKER, bearer } from '../support/stack-tokens';
import { startTraceabilityWithoutLedger } from '../support/traceability-without-ledger';

jest.setTimeout(10 * 60_000);

interface Answer {
  status: number;
  contentType: string;
}

/** A raw request, so bodies can be bytes no fetch would send as such, or sent in chunks. */
function send(
  url: string,
  path: string,
  body: Buffer,
  headers: Record<string, string>,
  chunked = false,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${path}`,
      {
        method: 'POST',
        headers: chunked ? headers : { ...headers, 'content-length': String(body.length) },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'] ?? '' }),
        );
      },
    );
    // The server may answer (413) and close before reading everything; that is the point.
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET'
        ? resolve({ status: -1, contentType: '' })
        : reject(error),
    );
    req.end(body);
  });
}

const event = (serial: string) =>
  Buffer.from(JSON.stringify({ '@context': [EPCIS_CONTEXT], ...shippingEvent(serial) }));

const RUN = randomBytes(3).toString('hex');
const HOSTILE_SERIAL = `X${RUN}`;
const deep = (depth: number) =>
  `{"type":"ObjectEvent","x":${'['.repeat(depth)}${']'.repeat(depth)}}`;

/** Each hostile body, what it must be answered with, and how it is sent. */
const HOSTILE: [string, () => Promise<Answer>, number][] = [];

/**
 * Hostile bodies sent while ordinary clients keep capturing: each is refused
 * with its 4xx problem, nothing of it is stored, and the ordinary captures
 * beside them all succeed. Every request comes from Org1's packer, who may
 * capture: what is refused is the body, never the caller.
 */
describe('hostile request bodies, beside ordinary captures', () => {
  let traceability: { app: NestFastifyApplication; url: string };
  /** An ordinary JSON capture's headers: the packer's token and the media type. */
  let jsonAsPacker: Record<string, string>;

  beforeAll(async () => {
    const packer = await bearer(ORG1_PACKER);
    jsonAsPacker = { ...packer, 'content-type': 'application/json' };
    traceability = await startTraceabilityWithoutLedger();
    const { url } = traceability;
    const over = Buffer.alloc(CAPTURE_LIMITS.maxBytes + 1024, 0x20);
    HOSTILE.push(
      ['larger than the capture limit', () => send(url, '/capture', over, jsonAsPacker), 413],
      [
        'larger than the limit, chunked (no Content-Length)',
        () => send(url, '/capture', over, jsonAsPacker, true),
        413,
      ],
      [
        'nested a million deep',
        () => send(url, '/events', Buffer.from(deep(1_000_000)), jsonAsPacker),
        400,
      ],
      [
        'not UTF-8',
        () =>
          send(
            url,
            '/events',
            Buffer.concat([
              event(HOSTILE_SERIAL).subarray(0, 40),
              Buffer.from([0xff, 0xfe]),
              event(HOSTILE_SERIAL).subarray(40),
            ]),
            jsonAsPacker,
          ),
        400,
      ],
      [
        'an escaped NUL',
        () =>
          send(
            url,
            '/events',
            Buffer.from(event(HOSTILE_SERIAL).toString().replace('shipping', 'ship\\u0000ping')),
            jsonAsPacker,
          ),
        400,
      ],
      [
        'XML',
        () =>
          send(url, '/events', Buffer.from('<epcis/>'), {
            ...packer,
            'content-type': 'application/xml',
          }),
        415,
      ],
      [
        'text',
        () =>
          send(url, '/events', event(HOSTILE_SERIAL), { ...packer, 'content-type': 'text/plain' }),
        415,
      ],
      ['no content type', () => send(url, '/events', event(HOSTILE_SERIAL), packer), 415],
      [
        'a form',
        () =>
          send(url, '/events', Buffer.from('a=1'), {
            ...packer,
            'content-type': 'application/x-www-form-urlencoded',
          }),
        415,
      ],
      [
        'truncated JSON',
        () => send(url, '/events', event(HOSTILE_SERIAL).subarray(0, 50), jsonAsPacker),
        400,
      ],
      [
        'prototype poisoning',
        () => send(url, '/events', Buffer.from('{"__proto__":{"x":1}}'), jsonAsPacker),
        400,
      ],
      ['random bytes', () => send(url, '/events', randomBytes(4096), jsonAsPacker), 400],
    );
  });

  afterAll(() => traceability?.app.close());

  it('refuses each with its problem while every ordinary capture succeeds', async () => {
    let stop = false;
    let n = 0;
    const ordinary: number[] = [];
    const client = async () => {
      while (!stop) {
        const answer = await send(
          traceability.url,
          '/events',
          event(`H${RUN}${n++}`),
          jsonAsPacker,
        );
        ordinary.push(answer.status);
      }
    };
    const clients = Array.from({ length: 4 }, client);

    const refusals: { name: string; expected: number; answer: Answer }[] = [];
    // Rounds of every hostile body until the ordinary clients have made a fair number of captures.
    for (let round = 0; round < 3 || (round < 50 && ordinary.length < 100); round++) {
      const answers = await Promise.all(HOSTILE.map(([, hostile]) => hostile()));
      answers.forEach((answer, i) => {
        const [name, , expected] = HOSTILE[i];
        refusals.push({ name, expected, answer });
      });
    }
    stop = true;
    await Promise.all(clients);

    for (const { name, expected, answer } of refusals) {
      // A 413 may reach a client that is still sending as a reset connection instead.
      if (expected === 413 && answer.status === -1) continue;
      expect({ name, status: answer.status }).toEqual({ name, status: expected });
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
    }
    expect(ordinary.length).toBeGreaterThanOrEqual(100);
    expect(ordinary.filter((status) => status !== 201)).toEqual([]);
    const db = new Client({ connectionString: stackEnv().TRACEABILITY_DATABASE_URL });
    await db.connect();
    const { rows } = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM epcis_event_identifier WHERE identifier LIKE $1`,
      [`%/21/${HOSTILE_SERIAL}`],
    );
    await db.end();
    expect(rows[0]?.n).toBe('0');
  });
});
