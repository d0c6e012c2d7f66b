import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devPartyCode } from '../../scripts/stack/dev-parties';
import { CarrierSystem } from '../support/carrier-system';
import { EblWorld, startEblWorld } from '../support/ebl-platforms';

/**
 * A holder on PJA asks, before sending, whether another platform knows the party it means
 * to send to (PINT receiver validation, asked by PJA of PJB on the real stack). PJC is in
 * PJA's directory but unreachable.
 */
describe('a holder validates a receiver on another platform before sending', () => {
  const carrier = new CarrierSystem();
  const pjc = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  let world: EblWorld;

  beforeAll(async () => {
    const publicKeyFile = join(mkdtempSync(join(tmpdir(), 'pjc-')), 'platform-PJC.pub.pem');
    writeFileSync(publicKeyFile, pjc.publicKey.export({ type: 'spki', format: 'pem' }));
    world = await startEblWorld(await carrier.start(), {
      foreignPlatforms: [{ code: 'PJC', endpoint: 'http://127.0.0.1:9', publicKeyFile }],
    });
  });

  afterAll(async () => {
    await world?.stop();
    await carrier.stop();
  });

  const ask = async (body: unknown) => {
    const res = await fetch(`${world.pja.url}/pint-receiver-validations`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await world.pja.tokenFor('shipper')}`,
      },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      body: (await res.json()) as Record<string, unknown>,
    };
  };

  it('answers the name the receiving platform knows the party by', async () => {
    const answer = await ask({
      receivingPlatform: 'PJB',
      identifyingCode: devPartyCode('PJB', 'consignee'),
    });
    expect(answer).toEqual({
      status: 200,
      type: expect.stringContaining('application/json') as unknown,
      body: { receivingPlatform: 'PJB', partyName: 'Hamburg Grain Trading' },
    });
  });

  it.each([
    [
      'a party PJB does not know',
      {
        receivingPlatform: 'PJB',
        identifyingCode: { codeListProvider: 'ZZZ', partyCode: 'nobody' },
      },
      422,
      /does not know/,
    ],
    [
      'a platform PJA does not exchange with',
      { receivingPlatform: 'XXX', identifyingCode: devPartyCode('PJB', 'consignee') },
      422,
      /not one we exchange/,
    ],
    [
      'a platform that does not answer',
      { receivingPlatform: 'PJC', identifyingCode: devPartyCode('PJB', 'consignee') },
      503,
      /unreachable/,
    ],
    ['no identifying code', { receivingPlatform: 'PJB' }, 400, /identifyingCode/],
    [
      'a malformed platform code',
      { receivingPlatform: 'pjb!', identifyingCode: devPartyCode('PJB', 'consignee') },
      400,
      /receivingPlatform/,
    ],
    [
      'an identifying code without a party code',
      { receivingPlatform: 'PJB', identifyingCode: { codeListProvider: 'ZZZ' } },
      400,
      /partyCode/,
    ],
  ])('refuses %s with a problem', async (_case, body, status, detail) => {
    const answer = await ask(body);
    expect(answer.status).toBe(status);
    expect(answer.type).toContain('application/problem+json');
    expect(JSON.stringify(answer.body)).toMatch(detail);
  });
});
