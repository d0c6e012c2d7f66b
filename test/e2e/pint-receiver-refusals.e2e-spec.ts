import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EblAction, EblRecord, EblStatus } from '@pujiang/contracts';
import { bytesChecksum, signedContentChecksum } from '@pujiang/dcsa';
import { SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import {
  ActorParty,
  DocumentMetadata,
  EblEnvelope,
  buildEnvelope,
} from '../../services/ebl/src/pint/domain';
import { EblPlatform } from '../../services/ebl/src/platform/ebl-platform';
import { importSigningKey } from '../../services/ebl/src/signing';
import { EblLedger } from '../../services/ebl/src/transport-documents/ebl-ledger';
import { CarrierSystem } from '../support/carrier-system';
import { issueToShipper } from '../support/ebl-issuance';
import { EblWorld, startEblWorld } from '../support/ebl-platforms';
import { sleep } from '../support/sleep';
import { devPartyCode } from '../../scripts/stack/dev-parties';

const reference = (prefix: string) => `${prefix}${randomBytes(5).toString('hex').toUpperCase()}`;

/** How long PJB keeps an envelope transfer open here: short, so that one can expire in a test. */
const LIFETIME_SECONDS = 5;

const invoice = Buffer.from('%PDF-1.7 commercial invoice for the cargo');
const invoiceMetadata: DocumentMetadata = {
  name: 'invoice.pdf',
  size: invoice.byteLength,
  mediaType: 'application/pdf',
  documentChecksum: bytesChecksum(invoice),
};

const carrierOnPja: ActorParty = {
  partyName: 'Pujiang Container Line',
  eblPlatform: 'PJA',
  identifyingCodes: [devPartyCode('PJA', 'carrier')],
};
const shipperOnPja: ActorParty = {
  partyName: 'Jiangnan Soy Exporters',
  eblPlatform: 'PJA',
  identifyingCodes: [devPartyCode('PJA', 'shipper')],
};
const consigneeOnPjb: ActorParty = {
  partyName: 'Hamburg Grain Trading',
  eblPlatform: 'PJB',
  identifyingCodes: [devPartyCode('PJB', 'consignee')],
};

/**
 * What PJB, receiving eBLs by PINT, refuses on the real stack, and that each
 * refusal changes nothing: an envelope posted by a platform that did not send
 * it, an open transfer touched by another platform or after it expired, a
 * transfer made long ago or in the future, and a bill whose sending platform
 * (PJA, on the same channel) has not put it on its way to PJB on the ledger.
 * PJC is a platform in both directories that is not on the channel.
 */
describe('the PINT receiver refuses what it must not accept', () => {
  const carrier = new CarrierSystem();
  const pjc = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  let world: EblWorld;

  beforeAll(async () => {
    process.env.EBL_PINT_ENVELOPE_LIFETIME_SECONDS = String(LIFETIME_SECONDS);
    const publicKeyFile = join(mkdtempSync(join(tmpdir(), 'pjc-')), 'platform-PJC.pub.pem');
    writeFileSync(publicKeyFile, pjc.publicKey.export({ type: 'spki', format: 'pem' }));
    world = await startEblWorld(await carrier.start(), {
      foreignPlatforms: [{ code: 'PJC', endpoint: 'http://127.0.0.1:9', publicKeyFile }],
    });
  });

  afterAll(async () => {
    await world?.stop();
    await carrier.stop();
    delete process.env.EBL_PINT_ENVELOPE_LIFETIME_SECONDS;
  });

  /** A bill issued on PJA to its shipper, and an envelope PJA signs that sends it to PJB. */
  async function envelopeFromPja(
    ref: string,
    options: { transferredAt?: Date; withInvoice?: boolean } = {},
  ): Promise<EblEnvelope> {
    const { request, status } = await issueToShipper(world, ref, true);
    expect(status).toBe(204);
    const outgoing = await buildEnvelope({
      transportDocument: request.document,
      previousChain: [],
      issuanceManifestSignedContent: request.issuanceManifestSignedContent,
      transactions: [
        {
          actionCode: 'ISSUE',
          actor: carrierOnPja,
          recipient: shipperOnPja,
          actionDateTime: new Date(Date.now() - 60_000).toISOString(),
        },
        {
          actionCode: 'ENDORSE_TO_ORDER',
          actor: shipperOnPja,
          recipient: consigneeOnPjb,
          actionDateTime: (options.transferredAt ?? new Date()).toISOString(),
        },
      ],
      ...(options.withInvoice === true ? { supportingDocuments: [invoiceMetadata] } : {}),
      sendingPlatform: 'PJA',
      signingKey: await importSigningKey(world.pja.signingKey),
    });
    return outgoing.envelope;
  }

  /** PJA's shipper puts the bill on its way to `to` on the ledger, bound to `envelope`, as PJA's sender does. */
  async function startExport(ref: string, to: ActorParty, envelope: EblEnvelope): Promise<void> {
    const shipper = world.pja.app.get(EblPlatform).parties.party('shipper');
    if (shipper === undefined) throw new Error('no shipper on PJA');
    const { record } = await world.pja.app
      .get(EblLedger)
      .act(
        shipper,
        ref,
        EblAction.startExport,
        JSON.stringify(to),
        signedContentChecksum(envelope.envelopeTransferChain.at(-1) ?? ''),
      );
    expect(record.status).toBe(EblStatus.exportPending);
  }

  const pjcToken = () =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer('PJC')
      .setAudience('PJB')
      .setExpirationTime('2m')
      .sign(pjc.privateKey);

  async function call(
    method: 'POST' | 'PUT',
    path: string,
    token: string,
    body?: unknown,
  ): Promise<{ status: number; contentType: string | null; body: unknown }> {
    const res = await fetch(`${world.pjb.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return {
      status: res.status,
      contentType: res.headers.get('content-type'),
      body: text.length > 0 ? (JSON.parse(text) as unknown) : undefined,
    };
  }

  const asPja = () => world.platformToken(world.pja, 'PJB');
  const post = async (envelope: EblEnvelope, token?: string) =>
    call('POST', '/v3/envelopes', token ?? (await asPja()), envelope);
  const putInvoice = async (envelopeReference: string, token?: string) =>
    call(
      'PUT',
      `/v3/envelopes/${envelopeReference}/additional-documents/${invoiceMetadata.documentChecksum}`,
      token ?? (await asPja()),
      invoice.toString('base64'),
    );
  const finish = async (envelopeReference: string, token?: string) =>
    call('PUT', `/v3/envelopes/${envelopeReference}/finish-transfer`, token ?? (await asPja()));

  /** Whatever PJB holds of the bill: its transfers and its ledger record. */
  async function heldOnPjb(ref: string): Promise<{ states: string[]; record?: EblRecord }> {
    const rows: { state: string }[] = await world.pjb.app
      .get(DataSource)
      .query(
        `SELECT state FROM incoming_envelope WHERE transport_document_reference = $1 ORDER BY created_at`,
        [ref],
      );
    return {
      states: rows.map((row) => row.state),
      record: await world.pjb.app.get(EblLedger).read(ref),
    };
  }

  async function documentsHeld(envelopeReference: string): Promise<number> {
    const rows: { n: number }[] = await world.pjb.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM incoming_document WHERE envelope_reference = $1`, [
        envelopeReference,
      ]);
    return rows[0]?.n ?? 0;
  }

  function expectProblem(
    answer: { status: number; contentType: string | null; body: unknown },
    status: number,
    detail: RegExp,
  ): void {
    expect({ status: answer.status, contentType: answer.contentType }).toEqual({
      status,
      contentType: expect.stringContaining('application/problem+json') as unknown,
    });
    expect((answer.body as { detail?: string }).detail).toMatch(detail);
  }

  it('refuses an envelope posted by a directory platform that is not its sender', async () => {
    const ref = reference('RCVA');
    const envelope = await envelopeFromPja(ref);
    await startExport(ref, consigneeOnPjb, envelope);

    const byPjc = await post(envelope, await pjcToken());

    expectProblem(byPjc, 403, /PJA.*PJC|PJC.*PJA/);
    expect(await heldOnPjb(ref)).toEqual({ states: [], record: undefined });
  });

  it('hands an open envelope reference only to the platform that opened it', async () => {
    const ref = reference('RCVB');
    const envelope = await envelopeFromPja(ref, { withInvoice: true });
    await startExport(ref, consigneeOnPjb, envelope);
    const started = await post(envelope);
    expect(started.status).toBe(201);
    const { envelopeReference } = started.body as { envelopeReference: string };

    expectProblem(await putInvoice(envelopeReference, await pjcToken()), 403, /another platform/);
    expect(await documentsHeld(envelopeReference)).toBe(0);
    expectProblem(await finish(envelopeReference, await pjcToken()), 403, /another platform/);
    expect(await heldOnPjb(ref)).toEqual({ states: ['RECEIVING'], record: undefined });

    expect((await putInvoice(envelopeReference)).status).toBe(204);
    const received = await finish(envelopeReference);
    expect(received.status).toBe(200);
    expect(responseCode(received.body)).toBe('RECE');
    // Even the signed answer of a finished transfer is for its sender only.
    expectProblem(await finish(envelopeReference, await pjcToken()), 403, /another platform/);
    expect((await heldOnPjb(ref)).record?.status).toBe(EblStatus.issued);
  });

  it('lets an open envelope transfer expire, after which it can be started again', async () => {
    const ref = reference('RCVE');
    const envelope = await envelopeFromPja(ref, { withInvoice: true });
    await startExport(ref, consigneeOnPjb, envelope);
    const started = await post(envelope);
    expect(started.status).toBe(201);
    const { envelopeReference } = started.body as { envelopeReference: string };

    await sleep(LIFETIME_SECONDS * 1000 + 500);

    expectProblem(await putInvoice(envelopeReference), 410, /expired/);
    expect(await documentsHeld(envelopeReference)).toBe(0);
    expectProblem(await finish(envelopeReference), 410, /expired/);
    const again = await post(envelope);
    expect(again.status).toBe(201);
    const renewed = (again.body as { envelopeReference: string }).envelopeReference;
    expect(renewed).not.toBe(envelopeReference);
    expect((await putInvoice(renewed)).status).toBe(204);
    expect(responseCode((await finish(renewed)).body)).toBe('RECE');
  });

  it.each([
    ['two days old', -2 * 86_400_000, /older than/],
    ['an hour ahead of our clock', 3_600_000, /in the future/],
  ])(
    'refuses a transfer whose actionDateTime is %s',
    async (_: string, offsetMs: number, reason: RegExp) => {
      const ref = reference('RCVC');
      const envelope = await envelopeFromPja(ref, {
        transferredAt: new Date(Date.now() + offsetMs),
      });
      await startExport(ref, consigneeOnPjb, envelope);

      const answer = await post(envelope);

      expect(answer.status).toBe(422);
      expect(responseCode(answer.body)).toBe('BENV');
      expect(reasonOf(answer.body)).toMatch(reason);
      expect(await heldOnPjb(ref)).toEqual({ states: [], record: undefined });
    },
  );

  it.each([
    ['still holds it (never exported)', undefined],
    [
      'is exporting it to another platform',
      { ...consigneeOnPjb, eblPlatform: 'PJC' } satisfies ActorParty,
    ],
  ])(
    'refuses a bill that the sending platform on this channel %s',
    async (_: string, exportedTo: ActorParty | undefined) => {
      const ref = reference('RCVD');
      const envelope = await envelopeFromPja(ref);
      if (exportedTo !== undefined) await startExport(ref, exportedTo, envelope);
      const onPja = await world.pja.app.get(EblLedger).read(ref);

      const answer = await post(envelope);

      expectProblem(answer, 409, /INVALID_STATE: .*PJB/);
      expect((await heldOnPjb(ref)).record).toBeUndefined();
      expect(await world.pja.app.get(EblLedger).read(ref)).toEqual(onPja);
    },
  );
});

function payloadOf(signed: unknown): { responseCode: string; reason?: string } {
  if (typeof signed !== 'string') throw new Error(`not a signed answer: ${JSON.stringify(signed)}`);
  return JSON.parse(Buffer.from(signed.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    responseCode: string;
    reason?: string;
  };
}

const responseCode = (signed: unknown) => payloadOf(signed).responseCode;
const reasonOf = (signed: unknown) => payloadOf(signed).reason;
