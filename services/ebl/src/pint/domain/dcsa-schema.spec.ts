import { validateDcsa } from '@pujiang/dcsa';
import {
  envelopeRefusalResponse,
  finishTransferResponse,
  inconclusiveDocumentResponse,
  receivedResponse,
} from './envelope-response';
import { verifyEnvelope } from './envelope-verification';
import {
  type PintWorld,
  invoiceMetadata,
  pintWorld,
  receiverContext,
  receiverState,
  visualisationMetadata,
} from './testing/pint.fixture';

let world: PintWorld;

beforeAll(async () => {
  world = await pintWorld();
});

/** Every PINT message this domain builds, checked against DCSA's own EBL_PINT 3.0 schema. */
describe('PINT messages built here are valid DCSA messages', () => {
  function expectValid(
    message: unknown,
    kind: 'pintEnvelope' | 'envelopeTransferFinishedResponse',
  ) {
    const result = validateDcsa(message, kind);
    expect(result.valid ? [] : result.violations).toEqual([]);
  }

  it('the envelopes (first transfer and onward transfer)', () => {
    expectValid(world.first.envelope, 'pintEnvelope');
    expectValid(world.second.envelope, 'pintEnvelope');
    // and the validator does notice a broken one
    const broken = { ...world.second.envelope, envelopeTransferChain: [] };
    expect(validateDcsa(broken, 'pintEnvelope').valid).toBe(false);
  });

  it('every finished response: RECE, DUPE, BSIG, BENV, INCD, MDOC, DISE', async () => {
    const last = world.second.lastEntryChecksum;
    const documents = [visualisationMetadata, invoiceMetadata];
    expectValid(receivedResponse(last, []), 'envelopeTransferFinishedResponse');
    expectValid(
      finishTransferResponse(last, {
        responseCode: 'RECE',
        receivedAdditionalDocumentChecksums: documents.map((d) => d.documentChecksum),
      }),
      'envelopeTransferFinishedResponse',
    );
    expectValid(
      finishTransferResponse(last, {
        responseCode: 'MDOC',
        missingAdditionalDocumentChecksums: [invoiceMetadata.documentChecksum],
        reason: 'one missing',
      }),
      'envelopeTransferFinishedResponse',
    );
    expectValid(
      inconclusiveDocumentResponse(last, 'wrong bytes'),
      'envelopeTransferFinishedResponse',
    );
    const state = receiverState(world);
    state.accepted.add(last);
    const dupe = await verifyEnvelope(world.second.envelope, receiverContext(state));
    if (dupe.accepted) throw new Error('expected DUPE');
    expectValid(
      envelopeRefusalResponse(dupe, [invoiceMetadata.documentChecksum]),
      'envelopeTransferFinishedResponse',
    );
    for (const responseCode of ['BSIG', 'BENV', 'DISE'] as const) {
      expectValid(
        envelopeRefusalResponse({
          accepted: false,
          responseCode,
          reason: 'why',
          lastEntryChecksum: last,
        }),
        'envelopeTransferFinishedResponse',
      );
    }
  });
});
