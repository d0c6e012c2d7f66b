import { AnchorBatchStatus, canMoveBatch } from './anchor-batch-status';

const ALL: AnchorBatchStatus[] = ['pending', 'submitted', 'anchored', 'refused', 'released'];
const ALLOWED = new Set([
  'pending→submitted',
  'pending→anchored',
  'pending→refused',
  'submitted→anchored',
  'refused→released',
]);

describe('anchor batch transitions', () => {
  it.each(ALL.flatMap((from) => ALL.map((to) => [from, to] as const)))(
    '%s → %s is allowed only if listed',
    (from, to) => {
      expect(canMoveBatch(from, to)).toBe(ALLOWED.has(`${from}→${to}`));
    },
  );
});
