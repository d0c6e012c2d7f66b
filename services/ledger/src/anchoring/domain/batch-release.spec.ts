import { AnchorBatchStatus } from './anchor-batch-status';
import { releaseReason, releaseRefusal } from './batch-release';

describe('releasing an anchor batch', () => {
  it('lets only a refused batch go', () => {
    expect(releaseRefusal('b1', 'refused')).toBeNull();
  });

  it.each<[AnchorBatchStatus, RegExp]>([
    ['pending', /b1 is pending; only a refused batch/],
    ['submitted', /b1 is submitted; only a refused batch/],
    ['anchored', /b1 is anchored; only a refused batch/],
    ['released', /b1 was already released/],
  ])('refuses a %s batch', (status, message) => {
    expect(releaseRefusal('b1', status)).toMatch(message);
  });

  it('refuses a batch it does not know', () => {
    expect(releaseRefusal('b1', undefined)).toMatch(/no anchor batch b1/);
  });

  it('needs a reason with words in it, kept trimmed', () => {
    expect(releaseReason('  root sealed by 1.4.2, see INC-88 ')).toBe(
      'root sealed by 1.4.2, see INC-88',
    );
    expect(releaseReason('')).toBeNull();
    expect(releaseReason(' \t\n')).toBeNull();
  });
});
