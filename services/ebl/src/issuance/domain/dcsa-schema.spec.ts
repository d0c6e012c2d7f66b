import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateDcsa } from '@pujiang/dcsa';
import { encodeBase64Content, importSigningKey } from '../../signing';
import { jose } from '../../signing/jose-runtime';
import { signIssuanceManifest } from './issuance-manifest';
import { badRequestResponse, issuedResponse, refusedResponse } from './issuance-response';
import type { UnsignedIssuanceRequest } from './issuance-types';

const SAMPLE = join(
  __dirname,
  '../../../../../test/fixtures/dcsa/messages/eblissuance-v3.0.0-request.json',
);

function sampleRequest(): UnsignedIssuanceRequest {
  const text = readFileSync(SAMPLE, 'utf8')
    .replace('TRANSPORT_DOCUMENT_REFERENCE_PLACEHOLDER', 'PJTD0000004')
    .replace('SEND_TO_PLATFORM_PLACEHOLDER', 'PUJI');
  return JSON.parse(text) as UnsignedIssuanceRequest;
}

/** Every ISS message this domain builds, checked against DCSA's own EBL_ISS 3.0 schema. */
describe('issuance messages built here are valid DCSA messages', () => {
  function expectValid(message: unknown, kind: 'issuanceRequest' | 'issuanceResponse') {
    const result = validateDcsa(message, kind);
    expect(result.valid ? [] : result.violations).toEqual([]);
  }

  it('a signed issuance request, with and without the carrier’s visualisation', async () => {
    const carrier = await importSigningKey((await jose.generateKeyPair('ES256')).privateKey);
    expectValid(await signIssuanceManifest(sampleRequest(), carrier), 'issuanceRequest');
    const withVisualisation = {
      ...sampleRequest(),
      eBLVisualisationByCarrier: {
        name: 'PJTD0000004.pdf',
        content: encodeBase64Content(Buffer.from('%PDF-1.7')),
      },
    };
    expectValid(await signIssuanceManifest(withVisualisation, carrier), 'issuanceRequest');
  });

  it('ISSU, BREQ and REFU responses', () => {
    const { document } = sampleRequest();
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
