import { bytesChecksum } from '@pujiang/dcsa';
import { canonicalSha256 } from '@pujiang/standards';
import {
  type SigningKey,
  type VerificationKey,
  importSigningKey,
  importVerificationKey,
  signCompactJws,
} from '../../signing';
import { jose } from '../../signing/jose-runtime';
import {
  issuanceManifestFor,
  signIssuanceManifest,
  verifyIssuanceRequest,
} from './issuance-manifest';
import type { IssuanceRequest } from './issuance-types';
import { sampleRequest } from './testing/issuance-request.fixture';

const REFERENCE = 'PJTD0000001';

const visualisation = {
  name: 'HHL71800000.pdf',
  content: Buffer.from('%PDF-1.7 carrier rendering').toString('base64'),
};

let carrier: SigningKey;
let carrierPublic: VerificationKey;
let otherCarrier: SigningKey;

beforeAll(async () => {
  const pair = await jose.generateKeyPair('ES256');
  carrier = await importSigningKey(pair.privateKey);
  carrierPublic = await importVerificationKey(pair.publicKey);
  otherCarrier = await importSigningKey((await jose.generateKeyPair('RS256')).privateKey);
});

describe('signIssuanceManifest', () => {
  it('signs the checksums of document and issueTo over their canonical JSON', async () => {
    const request = sampleRequest(REFERENCE);
    const signed = await signIssuanceManifest(request, carrier);

    const verification = await verifyIssuanceRequest(signed, carrierPublic);
    expect(verification).toEqual({
      verified: true,
      manifest: {
        documentChecksum: canonicalSha256(request.document),
        issueToChecksum: canonicalSha256(request.issueTo),
      },
    });
  });

  it('adds the visualisation checksum, taken over the decoded bytes', async () => {
    const request = { ...sampleRequest(REFERENCE), eBLVisualisationByCarrier: visualisation };
    expect(issuanceManifestFor(request).eBLVisualisationByCarrierChecksum).toBe(
      bytesChecksum(Buffer.from('%PDF-1.7 carrier rendering')),
    );
    const signed = await signIssuanceManifest(request, carrier);
    await expect(verifyIssuanceRequest(signed, carrierPublic)).resolves.toMatchObject({
      verified: true,
    });
  });

  it('refuses to sign a visualisation whose content is not Base64', () => {
    const request = {
      ...sampleRequest(REFERENCE),
      eBLVisualisationByCarrier: { name: 'x', content: '%%' },
    };
    expect(() => issuanceManifestFor(request)).toThrow(TypeError);
  });
});

describe('verifyIssuanceRequest refuses a request that is not what the carrier signed', () => {
  let signed: IssuanceRequest;
  beforeAll(async () => {
    signed = await signIssuanceManifest(
      { ...sampleRequest(REFERENCE), eBLVisualisationByCarrier: visualisation },
      carrier,
    );
  });

  async function problemsOf(request: IssuanceRequest) {
    const verification = await verifyIssuanceRequest(request, carrierPublic);
    if (verification.verified) throw new Error('expected a refusal');
    return verification.problems.map((problem) => problem.code);
  }

  it('names an issueTo changed after signing', async () => {
    const tampered = { ...signed, issueTo: { ...signed.issueTo, partyName: 'Someone Else Ltd' } };
    expect(await problemsOf(tampered)).toEqual(['ISSUE_TO_CHECKSUM_MISMATCH']);
  });

  it('names a document changed after signing (one field)', async () => {
    const tampered = { ...signed, document: { ...signed.document, isToOrder: true } };
    expect(await problemsOf(tampered)).toEqual(['DOCUMENT_CHECKSUM_MISMATCH']);
  });

  it('names every mismatch at once', async () => {
    const tampered = {
      ...signed,
      document: { ...signed.document, declaredValue: 1 },
      issueTo: { ...signed.issueTo, sendToPlatform: 'WAVE' },
      eBLVisualisationByCarrier: { ...visualisation, content: 'QUJD' },
    };
    expect(await problemsOf(tampered)).toEqual([
      'DOCUMENT_CHECKSUM_MISMATCH',
      'ISSUE_TO_CHECKSUM_MISMATCH',
      'VISUALISATION_CHECKSUM_MISMATCH',
    ]);
  });

  it('names a visualisation dropped, added or not Base64', async () => {
    const withoutVisualisation: IssuanceRequest = {
      document: signed.document,
      issueTo: signed.issueTo,
      issuanceManifestSignedContent: signed.issuanceManifestSignedContent,
    };
    expect(await problemsOf(withoutVisualisation)).toEqual(['VISUALISATION_CHECKSUM_MISMATCH']);

    const unsigned = await signIssuanceManifest(sampleRequest(REFERENCE), carrier);
    expect(await problemsOf({ ...unsigned, eBLVisualisationByCarrier: visualisation })).toEqual([
      'VISUALISATION_CHECKSUM_MISMATCH',
    ]);

    const garbled = { ...signed, eBLVisualisationByCarrier: { ...visualisation, content: 'a b' } };
    expect(await problemsOf(garbled)).toEqual(['VISUALISATION_CHECKSUM_MISMATCH']);
  });

  it('refuses a manifest signed by another carrier’s key', async () => {
    const forged = await signIssuanceManifest(sampleRequest(REFERENCE), otherCarrier);
    expect(await problemsOf(forged)).toEqual(['BAD_SIGNATURE']);
  });

  it('refuses an unsigned manifest (alg "none")', async () => {
    const manifest = issuanceManifestFor(sampleRequest(REFERENCE));
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = {
      ...signed,
      issuanceManifestSignedContent: `${b64({ alg: 'none' })}.${b64(manifest)}.`,
    };
    expect(await problemsOf(unsigned)).toEqual(['BAD_SIGNATURE']);
  });

  it('calls a signed payload that is no IssuanceManifest malformed', async () => {
    const notAManifest = await signCompactJws({ documentChecksum: 'abc' }, carrier);
    expect(await problemsOf({ ...signed, issuanceManifestSignedContent: notAManifest })).toEqual([
      'MALFORMED_MANIFEST',
    ]);
    expect(await problemsOf({ ...signed, issuanceManifestSignedContent: 'garbage' })).toEqual([
      'MALFORMED_MANIFEST',
    ]);
  });
});
