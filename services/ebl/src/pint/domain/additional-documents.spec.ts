import { bytesChecksum } from '@pujiang/dcsa';
import {
  announcedDocuments,
  findAnnouncedDocument,
  finishTransfer,
  manifestDocuments,
  verifyAdditionalDocument,
} from './additional-documents';
import { invoiceBytes, invoiceMetadata, visualisationMetadata } from './testing/pint.fixture';

const manifest = {
  transportDocumentChecksum: 'a'.repeat(64),
  lastEnvelopeTransferChainEntrySignedContentChecksum: 'b'.repeat(64),
  eBLVisualisationByCarrier: visualisationMetadata,
  supportingDocuments: [invoiceMetadata, visualisationMetadata],
};

describe('announcedDocuments', () => {
  it('lists the visualisation then the supporting documents, once per checksum', () => {
    expect(announcedDocuments(manifest)).toEqual({
      documents: [visualisationMetadata, invoiceMetadata],
    });
  });

  it('finds no documents in a manifest that announces none', () => {
    expect(
      announcedDocuments({
        ...manifest,
        eBLVisualisationByCarrier: undefined,
        supportingDocuments: undefined,
      }),
    ).toEqual({ documents: [] });
  });

  it('calls one checksum announced with two sizes a problem', () => {
    const conflicting = {
      ...manifest,
      supportingDocuments: [{ ...invoiceMetadata, size: 1 }, invoiceMetadata],
    };
    expect(announcedDocuments(conflicting)).toEqual({
      problem: expect.stringMatching(/sizes 1 and/),
    });
  });
});

describe('verifyAdditionalDocument', () => {
  const announced = [visualisationMetadata, invoiceMetadata];

  it('accepts the announced bytes', () => {
    const expected = findAnnouncedDocument(announced, invoiceMetadata.documentChecksum);
    expect(verifyAdditionalDocument(expected, invoiceBytes)).toEqual({
      ok: true,
      documentChecksum: invoiceMetadata.documentChecksum,
    });
  });

  it('answers INCD for other bytes than announced', () => {
    const wrong = Buffer.from('%PDF-1.7 another invoice');
    expect(verifyAdditionalDocument(invoiceMetadata, wrong)).toEqual({
      ok: false,
      responseCode: 'INCD',
      reason: expect.stringMatching(/arrived with checksum/),
    });
  });

  it('answers INCD when the size differs from the announced size', () => {
    const announcedWrongSize = { ...invoiceMetadata, size: invoiceMetadata.size + 1 };
    expect(verifyAdditionalDocument(announcedWrongSize, invoiceBytes)).toMatchObject({
      ok: false,
      responseCode: 'INCD',
      reason: expect.stringMatching(/bytes/),
    });
  });

  it('answers INCD for a document never announced', () => {
    const stray = Buffer.from('stray');
    const expected = findAnnouncedDocument(announced, bytesChecksum(stray));
    expect(verifyAdditionalDocument(expected, stray)).toMatchObject({
      ok: false,
      responseCode: 'INCD',
    });
  });
});

describe('finishTransfer', () => {
  const announced = [visualisationMetadata, invoiceMetadata];

  it('answers MDOC listing what is still missing', () => {
    const held = new Set([visualisationMetadata.documentChecksum]);
    expect(finishTransfer(announced, held)).toEqual({
      responseCode: 'MDOC',
      missingAdditionalDocumentChecksums: [invoiceMetadata.documentChecksum],
      reason: '1 of 2 additional document(s) not received',
    });
  });

  it('answers RECE with every announced document as the receipt', () => {
    const held = new Set(announced.map((d) => d.documentChecksum));
    expect(finishTransfer(announced, held)).toEqual({
      responseCode: 'RECE',
      receivedAdditionalDocumentChecksums: announced.map((d) => d.documentChecksum),
    });
  });
});

describe('manifestDocuments', () => {
  it('announces the carrier visualisation in its own field and the rest as supporting documents', () => {
    expect(
      manifestDocuments([
        { ...invoiceMetadata, kind: 'SUPPORTING' },
        { ...visualisationMetadata, kind: 'VISUALISATION' },
      ]),
    ).toEqual({
      eBLVisualisationByCarrier: visualisationMetadata,
      supportingDocuments: [invoiceMetadata],
    });
  });

  it('announces no visualisation for an eBL issued without one', () => {
    expect(manifestDocuments([{ ...invoiceMetadata, kind: 'SUPPORTING' }])).toEqual({
      supportingDocuments: [invoiceMetadata],
    });
  });
});
