import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EblRecord } from '@pujiang/contracts';
import { CarrierSystem } from '../support/carrier-system';
import { issueToShipper } from '../support/ebl-issuance';
import { EblWorld, freePort, startEblWorld } from '../support/ebl-platforms';
import { eventually } from '../support/kafka-probe';

const reference = (prefix: string) => `${prefix}${randomBytes(5).toString('hex').toUpperCase()}`;

/**
 * A PINT transfer without a final answer is retried with the very same envelope, and the
 * holder may ask for the retry now rather than wait out the back-off. PJS is a receiving
 * platform that knows its party but fails every envelope (503), as an overloaded one would.
 */
describe('a holder retries a PINT transfer that got no answer', () => {
  const carrier = new CarrierSystem();
  const pjs = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const envelopes: { at: number; body: string }[] = [];
  let receiver: Server;
  let world: EblWorld;

  beforeAll(async () => {
    const port = await freePort();
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (request.url === '/v3/receiver-validation') {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ partyName: 'Rotterdam Feed Mills' }));
          return;
        }
        if (request.url === '/v3/envelopes') {
          envelopes.push({ at: Date.now(), body: Buffer.concat(chunks).toString('utf8') });
        }
        response.writeHead(503, { 'retry-after': '1' });
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(port, '127.0.0.1', resolve));
    const publicKeyFile = join(mkdtempSync(join(tmpdir(), 'pjs-')), 'platform-PJS.pub.pem');
    writeFileSync(publicKeyFile, pjs.publicKey.export({ type: 'spki', format: 'pem' }));
    world = await startEblWorld(await carrier.start(), {
      foreignPlatforms: [{ code: 'PJS', endpoint: `http://127.0.0.1:${port}`, publicKeyFile }],
    });
  });

  afterAll(async () => {
    await world?.stop();
    await carrier.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  const retry = async (ref: string, party: string) => {
    const res = await fetch(`${world.pja.url}/transport-documents/${ref}/pint-transfers/retry`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await world.pja.tokenFor(party)}` },
    });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      body: (await res.json()) as { record?: EblRecord; attempts?: number; detail?: string },
    };
  };

  it('sends the same envelope again at once when the holder asks', async () => {
    const ref = reference('RTRY');
    expect((await issueToShipper(world, ref, true)).status).toBe(204);
    // Nothing to retry before a transfer is under way.
    expect(await retry(ref, 'shipper')).toMatchObject({
      status: 409,
      type: expect.stringContaining('application/problem+json') as unknown,
    });

    const sent = await fetch(`${world.pja.url}/transport-documents/${ref}/pint-transfers`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await world.pja.tokenFor('shipper')}`,
      },
      body: JSON.stringify({
        receivingPlatform: 'PJS',
        recipient: {
          partyName: 'Rotterdam Feed Mills',
          identifyingCodes: [{ codeListProvider: 'ZZZ', partyCode: 'rotterdam-feed' }],
        },
        actionCode: 'ENDORSE_TO_ORDER',
      }),
    });
    expect(sent.status).toBe(202);
    // Back-off after each failure doubles from 1 s: 4 s or more after the third.
    await eventually(() => (envelopes.length >= 3 ? true : undefined), 'three attempts', 20_000);

    const asked = Date.now();
    const sentBefore = envelopes.length;
    const answer = await retry(ref, 'shipper');
    expect(answer.status).toBe(202);
    // Attempts count every try, also those before the ledger's binding let the envelope go.
    expect(answer.body.attempts).toBeGreaterThanOrEqual(sentBefore);
    expect(answer.body.record?.status).toBe('EXPORT_PENDING');
    const again = await eventually(() => envelopes[sentBefore], 'the retry', 10_000);
    expect(again.at - asked).toBeLessThan(2_000);
    // The very same signed envelope every time: a receiver that took one answers DUPE.
    expect(new Set(envelopes.map((e) => e.body)).size).toBe(1);
    expect(JSON.parse(again.body)).toMatchObject({
      transportDocument: { transportDocumentReference: ref },
    });
  });

  it('lets no one but the holder ask, and says nothing of bills it does not hold', async () => {
    const ref = reference('RTRY');
    expect((await issueToShipper(world, ref, true)).status).toBe(204);
    const answer = await retry(ref, 'bank');
    expect(answer.status).toBe(404);
    expect(answer.type).toContain('application/problem+json');
  });
});
