import { validateDcsa } from '@pujiang/dcsa';
import { encodeBase64Content, importSigningKey } from '../../signing';
import { jose } from '../../signing/jose-runtime';
import { signIssuanceManifest } from './issuance-manifest';
import { badRequestResponse, issuedResponse, refusedResponse } from './issuance-response';
import { sampleRequest } from './testing/issuance-request.fixture';

const REFERENCE = 'PJTD0000004';

/** Every ISS message this domain builds, checked against DCSA's own EBL_ISS 3.0 schema. */
describe('issuance messages built here are valid DCSA messages', () => {
  function expectValid(message: unknown, kind: 'issuanceRequest' | 'issuanceResponse') {
    const result = validateDcsa(message, kind);
    expect(result.valid ? [] : result.violations).toEqual([]);
  }

  it('a signed issuance request, with and without the carrier’s visualisation', async () => {
    const carrier = await importSigningKey((await jose.generateKeyPair('ES256')).privateKey);
    expectValid(await signIssuanceManifest(sampleRequest(REFERENCE), carrier), 'issuanceRequest');
    const withVisualisation = {
      ...sampleRequest(REFERENCE),
      eBLVisualisationByCarrier: {
        name: 'PJTD0000004.pdf',
        content: encodeBase64Content(Buffer.from('%PDF-1.7')),
      },
    };
    expectValid(await signIssuanceManifest(withVisualisation, carrier), 'issuanceRequest');
  });

  it('ISSU, BREQ and REFU responses', () => {
    const { document } = sampleRequest(REFERENCE);
    expectValid(issuedResponse(document), 'issuanceResponse');
    expectValid(
      badRequestResponse(
        document,
        [{ errorCode: 'DOCUMENT_CHECKSUM_MISMATCH', reason: ` a\n${'b'.repeat(400)} ` }],
        'why ',
      ),
      'issuanceResponse',
    );
    expectValid(refusedResponse(document, 'recipient unknown on PUJI'), 'issuanceResponse');
    const unbounded = { ...issuedResponse(document), reason: ' padded ' };
    expect(validateDcsa(unbounded, 'issuanceResponse').valid).toBe(false);
  });
});
