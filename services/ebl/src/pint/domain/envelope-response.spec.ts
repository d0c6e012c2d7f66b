import { signCompactJws, verificationKeyOf } from '../../signing';
import {
  findAnnouncedDocument,
  finishTransfer,
  verifyAdditionalDocument,
} from './additional-documents';
import {
  PINT_HTTP_STATUS,
  disputedEnvelopeResponse,
  envelopeRefusalResponse,
  finishTransferResponse,
  inconclusiveDocumentResponse,
  judgeEnvelopeResponse,
  receivedResponse,
  signEnvelopeResponse,
  startTransferAnswer,
  verifyEnvelopeResponse,
} from './envelope-response';
import { verifyEnvelope } from './envelope-verification';
import type { EnvelopeResponseCode, EnvelopeTransferFinishedResponse } from './pint-types';
import {
  type PintWorld,
  type ReceiverState,
  invoiceBytes,
  invoiceMetadata,
  pintWorld,
  receiverContext,
  receiverState,
  visualisationBytes,
  visualisationMetadata,
} from './testing/pint.fixture';

let world: PintWorld;
let state: ReceiverState;

beforeAll(async () => {
  world = await pintWorld();
});
beforeEach(() => {
  state = receiverState(world);
});

const puji = () => verificationKeyOf(world.keys.PUJI);
const sent = () => world.second.lastEntryChecksum;

function response(responseCode: EnvelopeResponseCode): EnvelopeTransferFinishedResponse {
  return { lastEnvelopeTransferChainEntrySignedContentChecksum: sent(), responseCode };
}

describe('a transfer from BOLE to PUJI, told as both platforms see it', () => {
  it('ends with a signed RECE that tells BOLE it no longer controls the eBL', async () => {
    // PUJI receives the envelope and asks for the two announced documents.
    const verification = await verifyEnvelope(world.second.envelope, receiverContext(state));
    if (!verification.accepted) throw new Error(verification.reason);
    const started = startTransferAnswer(verification, 'env-1');
    expect(started).toEqual({
      kind: 'started',
      body: {
        envelopeReference: 'env-1',
        transportDocumentChecksum: world.second.transportDocumentChecksum,
        lastEnvelopeTransferChainEntrySignedContentChecksum: sent(),
        missingAdditionalDocumentChecksums: [
          visualisationMetadata.documentChecksum,
          invoiceMetadata.documentChecksum,
        ],
      },
    });

    // BOLE sends the invoice's bytes under the visualisation's checksum: INCD, not a rejection.
    const announced = verification.announcedDocuments;
    const mixedUp = verifyAdditionalDocument(
      findAnnouncedDocument(announced, visualisationMetadata.documentChecksum),
      invoiceBytes,
    );
    expect(mixedUp).toMatchObject({ ok: false, responseCode: 'INCD' });
    if (!mixedUp.ok) {
      const incd = inconclusiveDocumentResponse(sent(), mixedUp.reason);
      const judged = await judgeEnvelopeResponse(
        await signEnvelopeResponse(incd, world.keys.PUJI),
        puji(),
        sent(),
      );
      expect(judged).toMatchObject({ outcome: 'awaiting-documents', controlTransferred: false });
    }

    // Finishing with the invoice still missing: MDOC names it.
    const held = new Set<string>();
    const visualisation = verifyAdditionalDocument(
      findAnnouncedDocument(announced, visualisationMetadata.documentChecksum),
      visualisationBytes,
    );
    if (visualisation.ok) held.add(visualisation.documentChecksum);
    const early = finishTransferResponse(sent(), finishTransfer(announced, held));
    expect(early).toEqual({
      lastEnvelopeTransferChainEntrySignedContentChecksum: sent(),
      responseCode: 'MDOC',
      reason: '1 of 2 additional document(s) not received',
      missingAdditionalDocumentChecksums: [invoiceMetadata.documentChecksum],
    });
    expect(PINT_HTTP_STATUS[early.responseCode]).toBe(409);

    // The invoice arrives; the finish is RECE with the receipt, signed by PUJI.
    const invoice = verifyAdditionalDocument(
      findAnnouncedDocument(announced, invoiceMetadata.documentChecksum),
      invoiceBytes,
    );
    if (invoice.ok) held.add(invoice.documentChecksum);
    const finished = finishTransferResponse(sent(), finishTransfer(announced, held));
    const signed = await signEnvelopeResponse(finished, world.keys.PUJI);

    // BOLE reads the answer with PUJI's registered key.
    await expect(judgeEnvelopeResponse(signed, puji(), sent())).resolves.toEqual({
      verified: true,
      response: {
        lastEnvelopeTransferChainEntrySignedContentChecksum: sent(),
        responseCode: 'RECE',
        receivedAdditionalDocumentChecksums: [
          visualisationMetadata.documentChecksum,
          invoiceMetadata.documentChecksum,
        ],
      },
      outcome: 'accepted',
      controlTransferred: true,
    });

    // BOLE retries the same envelope: PUJI answers DUPE, which BOLE also reads as accepted.
    state.accepted.add(sent());
    const replay = await verifyEnvelope(world.second.envelope, receiverContext(state));
    if (replay.accepted) throw new Error('a replay must not be accepted again');
    const dupe = envelopeRefusalResponse(replay, finished.receivedAdditionalDocumentChecksums);
    expect(dupe).toMatchObject({
      responseCode: 'DUPE',
      duplicateOfAcceptedEnvelopeTransferChainEntrySignedContent:
        world.second.envelope.envelopeTransferChain[1],
      receivedAdditionalDocumentChecksums: finished.receivedAdditionalDocumentChecksums,
    });
    await expect(
      judgeEnvelopeResponse(await signEnvelopeResponse(dupe, world.keys.PUJI), puji(), sent()),
    ).resolves.toMatchObject({ outcome: 'accepted', controlTransferred: true });
  });
});

describe('judgeEnvelopeResponse', () => {
  it.each<[EnvelopeResponseCode, string, boolean]>([
    ['RECE', 'accepted', true],
    ['DUPE', 'accepted', true],
    ['BSIG', 'rejected', false],
    ['BENV', 'rejected', false],
    ['INCD', 'awaiting-documents', false],
    ['MDOC', 'awaiting-documents', false],
    ['DISE', 'disputed', false],
  ])('reads a signed %s as %s (control transferred: %s)', async (code, outcome, transferred) => {
    const signed = await signEnvelopeResponse(response(code), world.keys.PUJI);
    await expect(judgeEnvelopeResponse(signed, puji(), sent())).resolves.toMatchObject({
      verified: true,
      outcome,
      controlTransferred: transferred,
    });
  });

  it('does not believe a RECE signed by anyone but the receiving platform', async () => {
    const forged = await signEnvelopeResponse(response('RECE'), world.strangerKey);
    await expect(judgeEnvelopeResponse(forged, puji(), sent())).resolves.toMatchObject({
      verified: false,
      problem: 'BAD_SIGNATURE',
    });
    const bole = await signEnvelopeResponse(response('RECE'), world.keys.BOLE);
    await expect(judgeEnvelopeResponse(bole, puji(), sent())).resolves.toMatchObject({
      problem: 'BAD_SIGNATURE',
    });
  });

  it('does not believe an unsigned RECE (alg "none")', async () => {
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${b64({ alg: 'none' })}.${b64(response('RECE'))}.`;
    await expect(judgeEnvelopeResponse(unsigned, puji(), sent())).resolves.toMatchObject({
      verified: false,
      problem: 'BAD_SIGNATURE',
    });
  });

  it('does not count a RECE about another transfer', async () => {
    const other = {
      ...response('RECE'),
      lastEnvelopeTransferChainEntrySignedContentChecksum: world.first.lastEntryChecksum,
    };
    const signed = await signEnvelopeResponse(other, world.keys.PUJI);
    await expect(judgeEnvelopeResponse(signed, puji(), sent())).resolves.toMatchObject({
      verified: false,
      problem: 'OTHER_TRANSFER',
    });
  });

  it('calls a signed payload that is no finished response malformed', async () => {
    const signed = await signCompactJws({ responseCode: 'RECE' }, world.keys.PUJI);
    await expect(judgeEnvelopeResponse(signed, puji(), sent())).resolves.toMatchObject({
      problem: 'MALFORMED',
    });
    await expect(verifyEnvelopeResponse(signed, puji())).rejects.toThrow(/missing/);
    await expect(judgeEnvelopeResponse({ not: 'a jws' }, puji(), sent())).resolves.toMatchObject({
      problem: 'MALFORMED',
    });
  });
});

describe('response bodies', () => {
  it('omit reason on RECE and bound it elsewhere', () => {
    expect(receivedResponse(sent(), [])).toEqual(response('RECE'));
    const dise = disputedEnvelopeResponse(sent(), `the chain forks ${'x'.repeat(300)}`);
    expect(dise.responseCode).toBe('DISE');
    expect(dise.reason?.length).toBeLessThanOrEqual(255);
  });

  it('sign a refusal only when there is a last entry checksum to sign it for', () => {
    expect(
      envelopeRefusalResponse({
        accepted: false,
        responseCode: 'BSIG',
        reason: 'bad',
        lastEntryChecksum: sent(),
      }),
    ).toEqual({ ...response('BSIG'), reason: 'bad' });
    expect(() =>
      envelopeRefusalResponse({ accepted: false, responseCode: 'BENV', reason: 'unreadable' }),
    ).toThrow(TypeError);
  });

  it('answer an envelope whose documents are all held with RECE at once', async () => {
    state.heldDocuments.add(visualisationMetadata.documentChecksum);
    state.heldDocuments.add(invoiceMetadata.documentChecksum);
    const verification = await verifyEnvelope(world.second.envelope, receiverContext(state));
    if (!verification.accepted) throw new Error(verification.reason);
    expect(startTransferAnswer(verification, 'env-2')).toEqual({
      kind: 'received',
      response: receivedResponse(sent(), [
        visualisationMetadata.documentChecksum,
        invoiceMetadata.documentChecksum,
      ]),
    });
  });
});
