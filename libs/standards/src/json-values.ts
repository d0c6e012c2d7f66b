/**
 * Whether a parsed JSON value holds at most `limit` values (itself, every
 * member and element, all the way down), counting no further than the limit:
 * the cost of asking is bounded by the limit, not by the value.
 */
export function hasAtMostJsonValues(value: unknown, limit: number): boolean {
  // A loop, not recursion: a value may be nested deeper than the call stack.
  const pending: unknown[] = [value];
  let seen = 0;
  while (pending.length > 0) {
    const next = pending.pop();
    seen++;
    if (typeof next !== 'object' || next === null) continue;
    const members: unknown[] = Array.isArray(next) ? next : Object.values(next);
    for (const member of members) {
      if (seen + pending.length >= limit) return false;
      pending.push(member);
    }
  }
  return seen <= limit;
}
