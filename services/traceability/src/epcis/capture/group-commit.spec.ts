import { GroupCommit, QueueFullError } from './group-commit';

/** A write that holds each group until released, recording the groups it was given. */
function heldWrites() {
  const groups: number[][] = [];
  const releases: (() => void)[] = [];
  let failing = false;
  const write = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      groups.push(items);
      releases.push(() =>
        failing ? reject(new Error('database down')) : resolve(items.map((n) => `stored ${n}`)),
      );
    });
  const releaseAll = async () => {
    while (releases.length > 0) {
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { write, groups, releaseAll, fail: () => (failing = true) };
}

describe('GroupCommit', () => {
  it('writes a lone item at once, and groups the items that arrive while it is written', async () => {
    const writes = heldWrites();
    const commit = new GroupCommit(writes.write, 100, 1, 100);

    const first = commit.submit(1);
    const rest = [2, 3, 4].map((n) => commit.submit(n));
    expect(writes.groups).toEqual([[1]]);
    await writes.releaseAll();

    expect(writes.groups).toEqual([[1], [2, 3, 4]]);
    await expect(first).resolves.toBe('stored 1');
    await expect(Promise.all(rest)).resolves.toEqual(['stored 2', 'stored 3', 'stored 4']);
  });

  it('caps a group and writes up to the allowed number of groups at once', async () => {
    const writes = heldWrites();
    const commit = new GroupCommit(writes.write, 2, 2, 100);

    const all = [1, 2, 3, 4, 5, 6, 7].map((n) => commit.submit(n));
    expect(writes.groups).toEqual([[1], [2]]);
    await writes.releaseAll();

    expect(writes.groups).toEqual([[1], [2], [3, 4], [5, 6], [7]]);
    await expect(Promise.all(all)).resolves.toHaveLength(7);
  });

  it('writes a failed group again one item at a time, so only the failing item fails', async () => {
    const groups: number[][] = [];
    const write = (items: number[]) => {
      groups.push(items);
      return items.includes(13)
        ? Promise.reject(new Error('index row too large'))
        : Promise.resolve(items.map((n) => `stored ${n}`));
    };
    const commit = new GroupCommit(write, 100, 1, 100);

    const outcomes = Promise.allSettled([12, 13, 14].map((n) => commit.submit(n)));

    await expect(outcomes).resolves.toEqual([
      { status: 'fulfilled', value: 'stored 12' },
      { status: 'rejected', reason: new Error('index row too large') },
      { status: 'fulfilled', value: 'stored 14' },
    ]);
    expect(groups).toEqual([[12], [13, 14], [13], [14]]);
  });

  it('gives each caller the error when every write fails (the database is down)', async () => {
    const write = () => Promise.reject(new Error('database down'));
    const commit = new GroupCommit<number, string>(write, 100, 1, 100);

    const outcomes = await Promise.allSettled([1, 2, 3].map((n) => commit.submit(n)));

    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
  });

  it('refuses an item at once while the queue is full, and takes items again once it drains', async () => {
    const writes = heldWrites();
    const commit = new GroupCommit(writes.write, 100, 1, 2);

    const taken = [1, 2, 3].map((n) => commit.submit(n));
    await expect(commit.submit(4)).rejects.toBeInstanceOf(QueueFullError);
    expect(writes.groups).toEqual([[1]]);
    await writes.releaseAll();

    await expect(Promise.all(taken)).resolves.toEqual(['stored 1', 'stored 2', 'stored 3']);
    await expect(Promise.all([commit.submit(5), writes.releaseAll()])).resolves.toEqual([
      'stored 5',
      undefined,
    ]);
  });
});
