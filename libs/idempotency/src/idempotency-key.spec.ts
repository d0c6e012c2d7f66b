import { ProblemException } from '@pujiang/http';
import { idempotencyKeyOf, requestFingerprint } from './idempotency-key';

describe('the Idempotency-Key header', () => {
  it('is optional', () => {
    expect(idempotencyKeyOf(undefined)).toBeUndefined();
  });

  it('is taken as sent, or without the quotes of a Structured Field string', () => {
    expect(idempotencyKeyOf('8e03978e-40d5-43e8-bc93-6894a57f9324')).toBe(
      '8e03978e-40d5-43e8-bc93-6894a57f9324',
    );
    expect(idempotencyKeyOf('"retry-1"')).toBe('retry-1');
  });

  it.each([
    ['empty', ''],
    ['with a space', 'two words'],
    ['too long', 'k'.repeat(256)],
    ['not ASCII', 'clé'],
    ['sent twice', ['a', 'b']],
  ])('is refused with a 400 when %s', (_what, header) => {
    const refusal = (() => {
      try {
        idempotencyKeyOf(header);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(ProblemException);
    expect((refusal as ProblemException).getStatus()).toBe(400);
  });
});

describe('the fingerprint of a request', () => {
  const body = { policyId: 'POL-1', containers: ['PJCU1234565'], claimedAmount: '3000000' };

  it('ignores the order of keys and the spacing of the JSON', () => {
    const reordered = { claimedAmount: '3000000', containers: ['PJCU1234565'], policyId: 'POL-1' };
    expect(requestFingerprint('POST', '/claims', reordered)).toBe(
      requestFingerprint('POST', '/claims', body),
    );
  });

  it('changes with any value, the target or the method', () => {
    const base = requestFingerprint('POST', '/claims', body);
    expect(requestFingerprint('POST', '/claims', { ...body, claimedAmount: '3000001' })).not.toBe(
      base,
    );
    expect(requestFingerprint('POST', '/claims?x=1', body)).not.toBe(base);
    expect(requestFingerprint('PUT', '/claims', body)).not.toBe(base);
  });

  it('tells no body from an empty one', () => {
    expect(requestFingerprint('POST', '/x', undefined)).not.toBe(
      requestFingerprint('POST', '/x', {}),
    );
  });
});
