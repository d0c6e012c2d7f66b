import { GroupCommit } from './group-commit';

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
    const commit = new GroupCommit(writes.write, 100, 1);

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
    const commit = new GroupCommit(writes.write, 2, 2);

    const all = [1, 2, 3, 4, 5, 6, 7].map((n) => commit.submit(n));
    expect(writes.groups).toEqual([[1], [2]]);
    await writes.releaseAll();

    expect(writes.groups).toEqual([[1], [2], [3, 4], [5, 6], [7]]);
    await expect(Promise.all(all)).resolves.toHaveLength(7);
  });

  it('gives every item of a failed group the error, and goes on with the next group', async () => {
    const writes = heldWrites();
    const commit = new GroupCommit(writes.write, 100, 1);

    const first = commit.submit(1);
    writes.fail();
    const second = commit.submit(2);
    const outcomes = Promise.allSettled([first, second]);
    await writes.releaseAll();

    const refused = { status: 'rejected', reason: new Error('database down') };
    await expect(outcomes).resolves.toEqual([refused, refused]);
    expect(writes.groups).toEqual([[1], [2]]);
  });
});
