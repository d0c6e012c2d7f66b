import { createHash, randomBytes } from 'node:crypto';
import { EblRecord } from '@pujiang/contracts';
import { devPartyCode } from '../../scripts/stack/dev-parties';
import { CarrierSystem } from '../support/carrier-system';
import { issueToShipper } from '../support/ebl-issuance';
import { EblWorld, RunningPlatform, startEblWorld } from '../support/ebl-platforms';
import { eventually } from '../support/kafka-probe';

const reference = (prefix: string) => `${prefix}${randomBytes(5).toString('hex').toUpperCase()}`;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const rendering = Buffer.from('%PDF-1.7 the carrier rendering of the bill');
const invoice = Buffer.from('%PDF-1.7 commercial invoice');
const packingList = Buffer.from('packing list: 20 x 40HC, soybeans');

interface HeldDocument {
  kind: string;
  name: string;
  size: number;
  mediaType: string;
  documentChecksum: string;
}

/**
 * An eBL travels over PINT with its additional documents, on the real stack: the carrier
 * issues it on PJA with its rendering, the holder attaches supporting documents, PJA sends
 * the envelope to PJB announcing them all, PUTs each document PJB asks for, and finishes;
 * PJB accepts only once it holds them, and keeps them with the eBL.
 */
describe('additional documents travel with an eBL from PJA to PJB', () => {
  const carrier = new CarrierSystem();
  let world: EblWorld;

  beforeAll(async () => {
    world = await startEblWorld(await carrier.start());
  });

  afterAll(async () => {
    await world?.stop();
    await carrier.stop();
  });

  const call = async (
    platform: RunningPlatform,
    party: string,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ) => {
    const res = await fetch(`${platform.url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        authorization: `Bearer ${await platform.tokenFor(party)}`,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      body: (text.length > 0 ? JSON.parse(text) : undefined) as Record<string, unknown>,
    };
  };
  const attach = (ref: string, party: string, body: unknown) =>
    call(world.pja, party, 'POST', `/transport-documents/${ref}/supporting-documents`, body);
  const documentsOn = async (platform: RunningPlatform, party: string, ref: string) =>
    (await call(platform, party, 'GET', `/transport-documents/${ref}/supporting-documents`))
      .body as unknown as { documents: HeldDocument[] };

  it('sends the rendering and the supporting documents, and PJB keeps them', async () => {
    const ref = reference('DOCS');
    const issued = await issueToShipper(world, ref, true, undefined, {
      visualisation: {
        name: 'bill.pdf',
        content: rendering.toString('base64'),
        contentType: 'application/pdf',
      },
    });
    expect(issued.status).toBe(204);
    for (const [name, bytes, mediaType] of [
      ['invoice.pdf', invoice, 'application/pdf'],
      ['packing-list.txt', packingList, 'text/plain'],
    ] as const) {
      const attached = await attach(ref, 'shipper', {
        name,
        mediaType,
        content: bytes.toString('base64'),
      });
      expect(attached).toMatchObject({
        status: 201,
        body: { kind: 'SUPPORTING', name, size: bytes.byteLength, documentChecksum: sha256(bytes) },
      });
    }
    const expected = [
      { kind: 'VISUALISATION', name: 'bill.pdf', documentChecksum: sha256(rendering) },
      { kind: 'SUPPORTING', name: 'invoice.pdf', documentChecksum: sha256(invoice) },
      { kind: 'SUPPORTING', name: 'packing-list.txt', documentChecksum: sha256(packingList) },
    ];
    expect((await documentsOn(world.pja, 'shipper', ref)).documents).toMatchObject(expected);

    const sent = await call(
      world.pja,
      'shipper',
      'POST',
      `/transport-documents/${ref}/pint-transfers`,
      {
        receivingPlatform: 'PJB',
        recipient: {
          partyName: 'Hamburg Grain Trading',
          identifyingCodes: [devPartyCode('PJB', 'consignee')],
        },
        actionCode: 'ENDORSE_TO_ORDER',
      },
    );
    expect(sent.status).toBe(202);
    // Locked on its way: its documents are those the envelope announced.
    expect(
      await attach(ref, 'shipper', {
        name: 'late.txt',
        mediaType: 'text/plain',
        content: Buffer.from('too late').toString('base64'),
      }),
    ).toMatchObject({
      status: 409,
      type: expect.stringContaining('application/problem+json') as unknown,
    });

    const left = await eventually(
      async () => {
        const res = await call(world.pja, 'shipper', 'GET', `/transport-documents/${ref}`);
        const record = res.body?.record as EblRecord | undefined;
        return record?.status === 'EXPORTED' ? record : undefined;
      },
      'the export confirmed on PJA',
      60_000,
    );
    expect(left.holder).toMatch(/^PINT:/);
    // PJB accepted (RECE) only once it held every announced document, and keeps them.
    expect((await documentsOn(world.pjb, 'consignee', ref)).documents).toEqual(
      expect.arrayContaining(
        expected.map((document) => expect.objectContaining(document) as unknown),
      ),
    );
  });

  it.each([
    [
      'content that is not Base64',
      { name: 'a.pdf', mediaType: 'application/pdf', content: 'not base64!' },
      /content/,
    ],
    ['empty content', { name: 'a.pdf', mediaType: 'application/pdf', content: '' }, /content/],
    ['no name', { mediaType: 'application/pdf', content: 'AAAA' }, /name/],
    ['a malformed media type', { name: 'a.pdf', mediaType: 'pdf', content: 'AAAA' }, /mediaType/],
  ])('refuses %s with a 400 problem and attaches nothing', async (_case, body, detail) => {
    const ref = reference('DOCS');
    expect((await issueToShipper(world, ref, true)).status).toBe(204);
    const answer = await attach(ref, 'shipper', body);
    expect(answer.status).toBe(400);
    expect(answer.type).toContain('application/problem+json');
    expect(JSON.stringify(answer.body)).toMatch(detail);
    expect((await documentsOn(world.pja, 'shipper', ref)).documents).toEqual([]);
  });

  it('lets only the holder attach, and tells no one else the bill exists', async () => {
    const ref = reference('DOCS');
    expect((await issueToShipper(world, ref, true)).status).toBe(204);
    const answer = await attach(ref, 'bank', {
      name: 'a.pdf',
      mediaType: 'application/pdf',
      content: invoice.toString('base64'),
    });
    expect(answer.status).toBe(404);
    expect(answer.type).toContain('application/problem+json');
    expect((await documentsOn(world.pja, 'shipper', ref)).documents).toEqual([]);
  });
});
