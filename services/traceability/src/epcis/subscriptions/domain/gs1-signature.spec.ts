import { signDelivery, verifyDeliverySignature } from './gs1-signature';

describe('GS1-Signature of a subscription delivery', () => {
  const token = '13df38d8275b13f05704629e5f1cf3d45d6132d5';
  const body = JSON.stringify({ type: 'EPCISQueryDocument', id: 'urn:uuid:1', epcisBody: {} });

  it('is the HMAC-SHA256 of the body keyed with the token, as sha256=<hex>', () => {
    // Independently known value: printf '%s' "$body" | openssl dgst -sha256 -hmac "$token"
    expect(signDelivery('hello', 'key')).toBe(
      'sha256=9307b3b915efb5171ff14d8cb55fbcc798c6c0ef1456d66ded1a6aa723a58b7b',
    );
  });

  it('verifies with the token for the body as sent', () => {
    expect(verifyDeliverySignature(body, token, signDelivery(body, token))).toBe(true);
  });

  it('fails when the body is altered, the token is another, or the header is missing or malformed', () => {
    const signature = signDelivery(body, token);
    expect(
      verifyDeliverySignature(body.replace('urn:uuid:1', 'urn:uuid:2'), token, signature),
    ).toBe(false);
    expect(verifyDeliverySignature(`${body} `, token, signature)).toBe(false);
    expect(verifyDeliverySignature(body, `${token}x`, signature)).toBe(false);
    expect(verifyDeliverySignature(body, token, undefined)).toBe(false);
    expect(verifyDeliverySignature(body, token, signature.slice(7))).toBe(false);
    expect(verifyDeliverySignature(body, token, `${signature}00`)).toBe(false);
  });
});
