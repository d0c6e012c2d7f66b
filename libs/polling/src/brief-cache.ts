/**
 * Answers kept for a short time, by key. Callers asking for a key whose
 * answer has expired while another is on its way wait for that one, not one
 * each; a failed answer is not kept, so the next caller tries again. The
 * oldest keys go first when the cache is full.
 */
export class BriefCache<T> {
  private readonly entries = new Map<string, { value: Promise<T>; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  get(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
    const cached = this.entries.get(key);
    if (cached !== undefined && cached.until > now) return cached.value;
    const value = load();
    this.entries.delete(key);
    this.entries.set(key, { value, until: now + this.ttlMs });
    // Only this answer's entry: a newer one for the key may have taken its place meanwhile.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
    return value;
  }

  /** Drops these keys' answers: the next caller asks afresh. */
  forget(keys: Iterable<string>): void {
    for (const key of keys) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
