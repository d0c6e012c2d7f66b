/** The queue holds as many items as it may; the caller should come back later. */
export class QueueFullError extends Error {
  override name = 'QueueFullError';
}

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items submitted while earlier groups are being written wait
 * and are written together in the next group, each caller still answered
 * only once its own item is durable. Nothing waits on a timer: a lone item
 * is written at once, and groups grow only as fast as writes fall behind.
 * The items waiting are bounded: past the bound, submit refuses at once
 * (QueueFullError) instead of holding more requests and their bodies in
 * memory while the database is slow.
 */
export class GroupCommit<T, R> {
  private readonly waiting: Waiting<T, R>[] = [];
  private writing = 0;

  /**
   * @param write stores a group and answers each item, in order; if it
   *   throws, nothing of the group may have been stored.
   * @param maxGroup the most items in one group.
   * @param maxConcurrentWrites groups written at the same time.
   * @param maxWaiting items that may wait for a write.
   */
  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly maxGroup: number,
    private readonly maxConcurrentWrites: number,
    private readonly maxWaiting: number,
  ) {}

  submit(item: T): Promise<R> {
    if (this.waiting.length >= this.maxWaiting) {
      return Promise.reject(new QueueFullError(`${this.maxWaiting} items are waiting`));
    }
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.writeNext();
    });
  }

  /**
   * One failing item must not fail the others that happened to share its
   * group: a failed group is written again one item at a time, so each
   * caller gets its own item's answer.
   */
  private async writeGroup(group: Waiting<T, R>[]): Promise<void> {
    try {
      const results = await this.write(group.map((waiting) => waiting.item));
      group.forEach((waiting, i) => waiting.resolve(results[i]));
    } catch (error) {
      if (group.length === 1) {
        group[0]?.reject(error);
        return;
      }
      // At once, not in turn: when the database is unreachable each fails in
      // the time one does, not in the group's size times that.
      await Promise.all(group.map((waiting) => this.writeGroup([waiting])));
    }
  }

  private writeNext(): void {
    if (this.writing >= this.maxConcurrentWrites || this.waiting.length === 0) return;
    const group = this.waiting.splice(0, this.maxGroup);
    this.writing++;
    this.writeGroup(group)
      .catch(() => undefined)
      .finally(() => {
        this.writing--;
        this.writeNext();
      });
  }
}
