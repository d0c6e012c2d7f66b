import { hasAtMostJsonValues } from './json-values';

describe('hasAtMostJsonValues', () => {
  it('counts a value, its members and their elements', () => {
    const value = { a: 1, b: [2, 3, { c: null }] };
    // the object, a, b, 2, 3, the inner object, c
    expect(hasAtMostJsonValues(value, 7)).toBe(true);
    expect(hasAtMostJsonValues(value, 6)).toBe(false);
  });

  it('answers for a value nested deeper than the call stack', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(hasAtMostJsonValues(deep, 10)).toBe(false);
    expect(hasAtMostJsonValues(deep, 200_000)).toBe(true);
  });
});
