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
 */
export class GroupCommit<T, R> {
  private readonly waiting: Waiting<T, R>[] = [];
  private writing = 0;

  /**
   * @param write stores a group and answers each item, in order; if it
   *   throws, every item of the group gets that error (nothing of it stored).
   * @param maxGroup the most items in one group.
   * @param maxConcurrentWrites groups written at the same time.
   */
  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly maxGroup: number,
    private readonly maxConcurrentWrites: number,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.writeNext();
    });
  }

  private writeNext(): void {
    if (this.writing >= this.maxConcurrentWrites || this.waiting.length === 0) return;
    const group = this.waiting.splice(0, this.maxGroup);
    this.writing++;
    this.write(group.map((waiting) => waiting.item))
      .then(
        (results) => group.forEach((waiting, i) => waiting.resolve(results[i])),
        (error: unknown) => group.forEach((waiting) => waiting.reject(error)),
      )
      .finally(() => {
        this.writing--;
        this.writeNext();
      });
  }
}
