import { randomBytes } from 'node:crypto';
import { EblRecord } from '@pujiang/contracts';
import { DataSource } from 'typeorm';
import { validateDcsa } from '@pujiang/dcsa';
import { CarrierSystem } from '../support/carrier-system';
import { issueToShipper } from '../support/ebl-issuance';
import { EblWorld, RunningPlatform, startEblWorld } from '../support/ebl-platforms';
import { eventually } from '../support/kafka-probe';
import { devPartyCode } from '../../scripts/stack/dev-parties';

const reference = (prefix: string) => `${prefix}${randomBytes(5).toString('hex').toUpperCase()}`;

/**
 * The life of a negotiable eBL on the real stack: a carrier issues it, title
 * passes shipper → bank → consignee with every step decided by the Ebl
 * chaincode under each party's own identity, an outsider is refused by the
 * chaincode, and the consignee surrenders it for delivery.
 */
describe('electronic bills of lading on the ledger', () => {
  const carrier = new CarrierSystem();
  let world: EblWorld;

  beforeAll(async () => {
    world = await startEblWorld(await carrier.start());
  });

  afterAll(async () => {
    await world?.stop();
    await carrier.stop();
  });

  async function issue(ref: string, isToOrder: boolean): Promise<void> {
    const { request, status } = await issueToShipper(world, ref, isToOrder);
    expect(validateDcsa(request, 'issuanceRequest')).toMatchObject({ valid: true });
    expect(status).toBe(204);
  }

  async function act(
    platform: RunningPlatform,
    party: string,
    ref: string,
    body: Record<string, string>,
  ): Promise<{ status: number; body: { record?: EblRecord; detail?: string } }> {
    const res = await fetch(`${platform.url}/transport-documents/${ref}/actions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await platform.tokenFor(party)}`,
      },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      body: (await res.json()) as { record?: EblRecord; detail?: string },
    };
  }

  it('issues, endorses, transfers and surrenders a negotiable bill of lading', async () => {
    const ref = reference('NEG');
    await issue(ref, true);
    const issued = await eventually(
      () =>
        carrier
          .received('/v3/ebl-issuance-responses')
          .find(
            (call) =>
              (call.body as { transportDocumentReference?: string }).transportDocumentReference ===
              ref,
          ),
      'the ISSU response at the carrier',
    );
    expect(issued.body).toMatchObject({ issuanceResponseCode: 'ISSU' });
    expect(validateDcsa(issued.body, 'issuanceResponse')).toMatchObject({ valid: true });

    const toBank = await act(world.pja, 'shipper', ref, {
      action: 'ENDORSE_TO_ORDER',
      recipientPartyId: 'bank',
    });
    expect(toBank.status).toBe(200);
    expect((await act(world.pja, 'bank', ref, { action: 'ACCEPT_TRANSFER' })).status).toBe(200);

    // A stranger to the document is stopped before the ledger and learns nothing.
    const outsider = await act(world.pja, 'forwarder', ref, {
      action: 'TRANSFER',
      recipientPartyId: 'forwarder',
    });
    expect(outsider.status).toBe(404);
    // The former holder is a party of the document: the chaincode itself refuses it.
    const formerHolder = await act(world.pja, 'shipper', ref, {
      action: 'TRANSFER',
      recipientPartyId: 'forwarder',
    });
    expect(formerHolder.status).toBe(403);
    expect(formerHolder.body.detail).toMatch(/^FORBIDDEN: /);

    expect(
      (await act(world.pja, 'bank', ref, { action: 'ENDORSE', recipientPartyId: 'consignee' }))
        .status,
    ).toBe(200);
    const accepted = await act(world.pja, 'consignee', ref, { action: 'ACCEPT_TRANSFER' });
    expect(accepted.body.record).toMatchObject({ status: 'ISSUED', endorseeMayEndorse: false });

    const surrender = await act(world.pja, 'consignee', ref, { action: 'SURRENDER_FOR_DELIVERY' });
    expect(surrender.body.record?.status).toBe('SURRENDER_FOR_DELIVERY_PENDING');
    const request = await eventually(
      () =>
        carrier
          .received('/v3/ebl-surrender-requests')
          .find(
            (call) =>
              (call.body as { transportDocumentReference?: string }).transportDocumentReference ===
              ref,
          ),
      'the surrender request at the carrier',
    );
    expect(validateDcsa(request.body, 'surrenderRequest')).toMatchObject({ valid: true });
    const { surrenderRequestReference, endorsementChain } = request.body as {
      surrenderRequestReference: string;
      endorsementChain: { actionCode: string }[];
    };
    expect(endorsementChain.map((link) => link.actionCode)).toEqual([
      'ISSUE',
      'ENDORSE_TO_ORDER',
      'ENDORSE',
      'SURRENDER_FOR_DELIVERY',
    ]);
    const answer = await fetch(`${world.pja.url}/v3/ebl-surrender-responses`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await world.carrierToken('PJA')}`,
      },
      body: JSON.stringify({ surrenderRequestReference, action: 'SURR' }),
    });
    expect(answer.status).toBe(204);

    const view = await fetch(`${world.pja.url}/transport-documents/${ref}`, {
      headers: { authorization: `Bearer ${await world.pja.tokenFor('consignee')}` },
    });
    expect(((await view.json()) as { record: EblRecord }).record.status).toBe('SURRENDERED');
    const strangerView = await fetch(`${world.pja.url}/transport-documents/${ref}`, {
      headers: { authorization: `Bearer ${await world.pja.tokenFor('forwarder')}` },
    });
    expect(strangerView.status).toBe(404);
  });

  it('lets exactly one of two concurrent transfers by the holder commit', async () => {
    const ref = reference('RACE');
    await issue(ref, true);
    await eventually(async () => {
      const res = await act(world.pja, 'shipper', ref, { action: 'SIGN' });
      return res.status === 200 ? res : undefined;
    }, 'the issued document');
    const results = await Promise.all([
      act(world.pja, 'shipper', ref, { action: 'TRANSFER', recipientPartyId: 'bank' }),
      act(world.pja, 'shipper', ref, { action: 'TRANSFER', recipientPartyId: 'consignee' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)?.body.detail).toMatch(
      /INVALID_STATE|committed first/,
    );
  });

  it('shows a public verification page that reveals only the status and checks a copy', async () => {
    const ref = reference('VER');
    await issue(ref, false);
    const page = await eventually(async () => {
      const res = await fetch(`${world.pja.url}/verify/${ref}`);
      return res.status === 200 ? res.text() : undefined;
    }, 'the verification page');
    expect(page).toContain('ISSUED');
    expect(page).not.toContain('Jiangnan');
    const doc = await fetch(`${world.pja.url}/transport-documents/${ref}`, {
      headers: { authorization: `Bearer ${await world.pja.tokenFor('shipper')}` },
    });
    const { transportDocument } = (await doc.json()) as {
      transportDocument: Record<string, unknown>;
    };
    const check = async (presented: unknown) =>
      (await (
        await fetch(`${world.pja.url}/verify/${ref}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(presented),
        })
      ).json()) as { matches: boolean };
    expect((await check(transportDocument)).matches).toBe(true);
    expect((await check({ ...transportDocument, declaredValue: 1 })).matches).toBe(false);
    const straight = await act(world.pja, 'shipper', ref, {
      action: 'ENDORSE',
      recipientPartyId: 'bank',
    });
    expect(straight.status).toBe(409);
    expect(straight.body.detail).toMatch(/straight/);
  });

  it('transfers a document to another platform by PINT, and answers a replay with DUPE', async () => {
    const ref = reference('PINT');
    await issue(ref, true);
    const sent = await fetch(`${world.pja.url}/transport-documents/${ref}/pint-transfers`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await world.pja.tokenFor('shipper')}`,
      },
      body: JSON.stringify({
        receivingPlatform: 'PJB',
        recipient: {
          partyName: 'Hamburg Grain Trading',
          identifyingCodes: [devPartyCode('PJB', 'consignee')],
        },
        actionCode: 'ENDORSE_TO_ORDER',
      }),
    });
    expect(sent.status).toBe(202);
    expect(((await sent.json()) as { record: EblRecord }).record.status).toBe('EXPORT_PENDING');

    const viewOn = async (platform: RunningPlatform, party: string) => {
      const res = await fetch(`${platform.url}/transport-documents/${ref}`, {
        headers: { authorization: `Bearer ${await platform.tokenFor(party)}` },
      });
      return res.status === 200 ? ((await res.json()) as { record: EblRecord }).record : undefined;
    };
    const received = await eventually(() => viewOn(world.pjb, 'consignee'), 'the eBL on PJB');
    expect(received).toMatchObject({ status: 'ISSUED', platform: world.pjb.mspId });
    const left = await eventually(async () => {
      const record = await viewOn(world.pja, 'shipper');
      return record?.status === 'EXPORTED' ? record : undefined;
    }, 'the export confirmed on PJA');
    expect(left.holder).toMatch(/^PINT:/);
    expect((await act(world.pja, 'shipper', ref, { action: 'SIGN' })).status).toBe(409);
    expect((await act(world.pjb, 'consignee', ref, { action: 'SIGN' })).status).toBe(200);

    const envelope = await acceptedEnvelope(world.pjb, ref);
    const replay = await postEnvelope(envelope);
    expect(replay.status).toBe(200);
    expect(responseCode(replay.body)).toBe('DUPE');

    const tampered = await postEnvelope({
      ...envelope,
      transportDocument: { ...envelope.transportDocument, declaredValue: 1 },
    });
    expect(tampered.status).toBe(422);
    expect(responseCode(tampered.body)).toBe('BENV');

    const [header, payload, signature] = envelope.envelopeManifestSignedContent.split('.');
    const forged = `${header}.${payload}.${signature?.startsWith('A') ? 'B' : 'A'}${signature?.slice(1)}`;
    const badSignature = await postEnvelope({ ...envelope, envelopeManifestSignedContent: forged });
    expect(badSignature.status).toBe(422);
    expect(responseCode(badSignature.body)).toBe('BSIG');
  });

  async function acceptedEnvelope(
    platform: RunningPlatform,
    ref: string,
  ): Promise<{
    transportDocument: Record<string, unknown>;
    envelopeManifestSignedContent: string;
  }> {
    const rows: {
      envelope: {
        transportDocument: Record<string, unknown>;
        envelopeManifestSignedContent: string;
      };
    }[] = await platform.app
      .get(DataSource)
      .query(
        `SELECT envelope FROM incoming_envelope WHERE transport_document_reference = $1 AND state = 'ACCEPTED'`,
        [ref],
      );
    const row = rows[0];
    if (row === undefined) throw new Error('no accepted envelope');
    return row.envelope;
  }

  async function postEnvelope(envelope: unknown): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${world.pjb.url}/v3/envelopes`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await world.platformToken(world.pja, 'PJB')}`,
      },
      body: JSON.stringify(envelope),
    });
    return { status: res.status, body: await res.json() };
  }
});

/** The response code inside a receiver's signed answer (its signature is the sender's to check). */
function responseCode(signed: unknown): string {
  if (typeof signed !== 'string') throw new Error(`not a signed answer: ${JSON.stringify(signed)}`);
  const payload = JSON.parse(
    Buffer.from(signed.split('.')[1] ?? '', 'base64url').toString('utf8'),
  ) as {
    responseCode: string;
  };
  return payload.responseCode;
}
