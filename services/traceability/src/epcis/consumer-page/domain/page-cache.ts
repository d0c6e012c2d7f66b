/** What a rendered page was drawn from, so a change to any of it evicts the page. */
export interface PageSources {
  /** Every identifier the page's trace reached, hidden steps' included. */
  readonly identifiers: ReadonlySet<string>;
  /** Every event the page's trace went through, hidden ones included. */
  readonly eventHashes: ReadonlySet<string>;
  /** When the page turns false by the clock alone (a publication's end), in ms; Infinity if never. */
  readonly until: number;
}

/** A change the database reported: events captured naming identifiers, events changed, or anything. */
export type SourceChange =
  | { readonly kind: 'identifiers'; readonly values: readonly string[] }
  | { readonly kind: 'events'; readonly values: readonly string[] }
  | { readonly kind: 'everything' };

interface Entry<T> {
  readonly value: Promise<T>;
  /** Unknown while the render is under way. */
  sources?: PageSources;
  /** The rendered page, once the render is done. */
  page?: T;
}

/**
 * Rendered pages kept until the data they were drawn from changes, not for a
 * fixed time: a page is evicted when an event naming one of its identifiers is
 * captured, when one of its events is anchored or edited, when anything every
 * page reads changes, or when its clock runs out. A render still under way
 * when any change arrives is not kept (it may have read the data before the
 * change). Pages are kept only while changes can be heard (`hearing`): with
 * the change feed down, every scan renders afresh. Scans arriving while a page
 * renders wait for that render. The oldest pages go first when full.
 */
export class PageCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private hearing = false;

  constructor(private readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(
    key: string,
    render: () => Promise<{ page: T; sources: PageSources }>,
    now: number,
  ): Promise<T> {
    const cached = this.entries.get(key);
    if (cached !== undefined && (cached.sources === undefined || cached.sources.until > now)) {
      return cached.value;
    }
    const rendering = render();
    const entry: Entry<T> = { value: rendering.then((r) => r.page) };
    if (!this.hearing) return entry.value;
    this.entries.delete(key);
    this.entries.set(key, entry);
    rendering.then(
      (r) => {
        entry.sources = r.sources;
        entry.page = r.page;
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
    return entry.value;
  }

  /**
   * The page kept under `key`, rendered and still true at `now`; undefined
   * when it is not kept, still rendering or out of time (get renders it).
   * Synchronous, for the scans answered before Nest's pipeline (decision 0030).
   */
  kept(key: string, now: number): T | undefined {
    const entry = this.entries.get(key);
    return entry?.sources !== undefined && entry.sources.until > now ? entry.page : undefined;
  }

  changed(change: SourceChange): void {
    if (change.kind === 'everything') {
      this.entries.clear();
      return;
    }
    const values = new Set(change.values);
    for (const [key, { sources }] of this.entries) {
      const drawnFrom = sources?.[change.kind === 'events' ? 'eventHashes' : 'identifiers'];
      if (drawnFrom === undefined || [...values].some((value) => drawnFrom.has(value))) {
        this.entries.delete(key);
      }
    }
  }

  /** Changes can be heard (true) or no longer (false: every page is dropped). */
  listening(hearing: boolean): void {
    this.hearing = hearing;
    if (!hearing) this.entries.clear();
  }
}
