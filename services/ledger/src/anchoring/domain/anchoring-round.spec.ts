import { waitAfterRound } from './anchoring-round';

describe('waitAfterRound', () => {
  it('goes on at once after a round that sealed a batch', () => {
    expect(waitAfterRound({ sealed: 1, submitted: 0 }, 200)).toBe(0);
  });

  it('goes on at once after a round that submitted a batch', () => {
    expect(waitAfterRound({ sealed: 0, submitted: 3 }, 200)).toBe(0);
  });

  it('waits the poll interval after an idle round', () => {
    expect(waitAfterRound({ sealed: 0, submitted: 0 }, 200)).toBe(200);
  });
});
