import { type KeyObject, generateKeyPairSync } from 'node:crypto';
import { type SigningKey, importSigningKey } from '../../signing';
import { signIssuanceManifest } from './issuance-manifest';
import {
  badRequestResponse,
  issuedResponse,
  manifestRefusalResponse,
  refusedResponse,
} from './issuance-response';
import type { IdentifyingCode, IssuanceRequest, TransportDocument } from './issuance-types';
import { type IssuanceContext, judgeIssuance } from './issuance-verdict';
import { sampleRequest } from './testing/issuance-request.fixture';

const REFERENCE = 'PJTD0000002';

interface Holder {
  readonly id: string;
}

let carrierKey: SigningKey;
let carrierPublicKey: KeyObject;
let request: IssuanceRequest;

beforeAll(async () => {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  carrierKey = await importSigningKey(pair.privateKey);
  carrierPublicKey = pair.publicKey;
  request = await signIssuanceManifest(sampleRequest(REFERENCE), carrierKey);
});

function context(overrides: Partial<IssuanceContext<Holder>> = {}): IssuanceContext<Holder> {
  return {
    carrierCode: request.document.carrierCode,
    carrierKey: carrierPublicKey,
    platformCode: 'PUJI',
    issueTo: (codes: readonly IdentifyingCode[]) =>
      codes.some((code) => code.partyCode === 'ISSUE_TO_PARTY_CODE_PLACEHOLDER')
        ? { id: 'shipper-1' }
        : undefined,
    mayHold: () => true,
    ...overrides,
  };
}

describe('judgeIssuance', () => {
  it('issues to our party named by issueTo, answering ISSU without a reason', async () => {
    const verdict = await judgeIssuance(request, context());
    expect(verdict).toMatchObject({ code: 'ISSU', holder: { id: 'shipper-1' } });
    expect(verdict.response).toEqual({
      transportDocumentReference: 'PJTD0000002',
      issuanceResponseCode: 'ISSU',
    });
  });

  it('answers BREQ when issueTo names one of our parties who holds no eBLs (the carrier itself)', async () => {
    const verdict = await judgeIssuance(request, context({ mayHold: () => false }));
    expect(verdict.code).toBe('BREQ');
    expect(verdict.response.errors).toEqual([
      expect.objectContaining({ errorCode: 'ISSUE_TO_NOT_A_HOLDER' }),
    ]);
  });

  it('answers BREQ, naming the problem, when issueTo was changed after signing', async () => {
    const tampered = { ...request, issueTo: { ...request.issueTo, partyName: 'Mallory Trading' } };
    const verdict = await judgeIssuance(tampered, context());
    expect(verdict.code).toBe('BREQ');
    expect(verdict.response.errors).toEqual([
      expect.objectContaining({ errorCode: 'ISSUE_TO_CHECKSUM_MISMATCH' }),
    ]);
  });

  it('answers BREQ when the document names another carrier than the caller', async () => {
    const verdict = await judgeIssuance(request, context({ carrierCode: 'MAEU' }));
    expect(verdict.code).toBe('BREQ');
    expect(verdict.response.errors?.[0]?.errorCode).toBe('CARRIER_MISMATCH');
  });

  it('answers BREQ when another key than the carrier’s signed', async () => {
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    const verdict = await judgeIssuance(request, context({ carrierKey: stranger }));
    expect(verdict.response.errors?.[0]?.errorCode).toBe('BAD_SIGNATURE');
  });

  it('answers REFU when issueTo is on another platform or unknown here', async () => {
    const elsewhere = await judgeIssuance(request, context({ platformCode: 'WAVE' }));
    expect(elsewhere.code).toBe('REFU');
    const unknown = await judgeIssuance(request, context({ issueTo: () => undefined }));
    expect(unknown).toMatchObject({ code: 'REFU', response: { issuanceResponseCode: 'REFU' } });
    expect(unknown.response.reason).toMatch(/identifying codes/);
  });
});

describe('IssuanceResponse bodies', () => {
  const document = {
    transportDocumentReference: 'PJTD0000003',
    transportDocumentSubReference: 'Version_2',
    isToOrder: false,
    carrierCode: 'HMM',
  } satisfies TransportDocument;

  it('carry the document references, and the sub-reference when there is one', () => {
    expect(issuedResponse(document)).toEqual({
      transportDocumentReference: 'PJTD0000003',
      transportDocumentSubReference: 'Version_2',
      issuanceResponseCode: 'ISSU',
    });
  });

  it('shape BREQ with errors and REFU with a reason as the ISS schema bounds them', () => {
    const long = `  ${'why '.repeat(100)}\n and more`;
    const breq = badRequestResponse(document, [{ errorCode: 'BAD CODE', reason: long }], long);
    expect(breq.issuanceResponseCode).toBe('BREQ');
    expect(breq.reason?.length).toBeLessThanOrEqual(255);
    expect(breq.reason).toMatch(/^\S(?:.*\S)?$/);
    expect(breq.errors).toEqual([{ errorCode: 'BAD_CODE', reason: expect.stringMatching(/^why/) }]);

    expect(refusedResponse(document, 'recipient unknown')).toEqual({
      transportDocumentReference: 'PJTD0000003',
      transportDocumentSubReference: 'Version_2',
      issuanceResponseCode: 'REFU',
      reason: 'recipient unknown',
    });
  });

  it('turn manifest problems into one BREQ error each', () => {
    const response = manifestRefusalResponse(document, [
      { code: 'DOCUMENT_CHECKSUM_MISMATCH', reason: 'a' },
      { code: 'BAD_SIGNATURE', reason: 'b' },
    ]);
    expect(response.errors?.map((error) => error.errorCode)).toEqual([
      'DOCUMENT_CHECKSUM_MISMATCH',
      'BAD_SIGNATURE',
    ]);
  });
});
