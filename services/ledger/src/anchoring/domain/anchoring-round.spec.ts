import { waitAfterRound } from './anchoring-round';

describe('waitAfterRound', () => {
  it('goes on at once after a round that sealed or submitted a batch', () => {
    expect(waitAfterRound(1, 200)).toBe(0);
    expect(waitAfterRound(3, 200)).toBe(0);
  });

  it('waits the poll interval after an idle round', () => {
    expect(waitAfterRound(0, 200)).toBe(200);
  });
});
