import fc from 'fast-check';
import { noticeClaimId, parametricClaimId } from './claim-ids';

const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('parametricClaimId', () => {
  it('is a version-8, RFC-variant UUID', () => {
    expect(parametricClaimId('POL-1', 0, '2024-06-01T00:00:00Z')).toMatch(UUID_V8);
  });

  it('is the same for the same firing however the time is written', () => {
    const id = parametricClaimId('POL-1', 0, '2024-06-01T10:00:00+02:00');
    expect(parametricClaimId('POL-1', 0, '2024-06-01T08:00:00.000Z')).toBe(id);
    expect(parametricClaimId('POL-1', 0, new Date(Date.UTC(2024, 5, 1, 8)))).toBe(id);
  });

  // Computed independently (Python uuid + hashlib) from the namespace and the canonical name.
  it('pins the derivation, so ids stay stable across releases', () => {
    expect(parametricClaimId('POL-1', 0, '2024-06-01T00:00:00Z')).toBe(
      '82941dc8-f310-8590-a075-c56e4bd99d26',
    );
  });

  it('differs when any input differs', () => {
    const base = parametricClaimId('POL-1', 0, '2024-06-01T00:00:00Z');
    expect(parametricClaimId('POL-2', 0, '2024-06-01T00:00:00Z')).not.toBe(base);
    expect(parametricClaimId('POL-1', 1, '2024-06-01T00:00:00Z')).not.toBe(base);
    expect(parametricClaimId('POL-1', 0, '2024-06-01T00:00:01Z')).not.toBe(base);
  });

  it('cannot be confused by separators inside the policy id', () => {
    expect(parametricClaimId('A","triggerIndex":1', 0, '2024-06-01')).not.toBe(
      parametricClaimId('A', 1, '2024-06-01'),
    );
  });

  it('is deterministic and well formed for any inputs', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.nat(),
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        (policy, index, ms) => {
          const id = parametricClaimId(policy, index, new Date(ms));
          expect(id).toMatch(UUID_V8);
          expect(parametricClaimId(policy, index, new Date(ms).toISOString())).toBe(id);
        },
      ),
    );
  });

  it('refuses inputs that identify nothing', () => {
    expect(() => parametricClaimId('', 0, '2024-06-01')).toThrow(/policyId/);
    expect(() => parametricClaimId('P', -1, '2024-06-01')).toThrow(/triggerIndex/);
    expect(() => parametricClaimId('P', 0, 'later')).toThrow(/windowStart/);
  });
});

describe('noticeClaimId', () => {
  const claimant = 'Org1MSP::User5@org1.pujiang.test';

  it('names one claim per claimant and key, as a version-8 UUID', () => {
    const id = noticeClaimId(claimant, 'notice-7');
    expect(id).toMatch(UUID_V8);
    expect(noticeClaimId(claimant, 'notice-7')).toBe(id);
    expect(noticeClaimId(claimant, 'notice-8')).not.toBe(id);
    expect(noticeClaimId('Org2MSP::User2@org2.pujiang.test', 'notice-7')).not.toBe(id);
  });

  it('never names a parametric claim', () => {
    expect(noticeClaimId('P', '0')).not.toBe(parametricClaimId('P', 0, '2024-06-01'));
  });

  it('refuses an empty claimant or key', () => {
    expect(() => noticeClaimId('', 'k')).toThrow(/claimant and a key/);
    expect(() => noticeClaimId(claimant, '')).toThrow(/claimant and a key/);
  });
});
