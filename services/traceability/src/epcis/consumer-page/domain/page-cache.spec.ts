import { PageCache, PageSources } from './page-cache';

const sources = (over: Partial<PageSources> = {}): PageSources => ({
  identifiers: new Set(['lot:L1', 'lot:HARVEST']),
  eventHashes: new Set(['ni:///sha-256;aa']),
  until: Infinity,
  ...over,
});

/** A cache hearing changes, and a render that counts its calls. */
function cacheOf(drawnFrom: PageSources = sources()) {
  const cache = new PageCache<string>(100);
  cache.listening(true);
  let renders = 0;
  const render = () => {
    renders += 1;
    return Promise.resolve({ page: `page ${renders}`, sources: drawnFrom });
  };
  return { cache, render, renders: () => renders };
}

describe('PageCache', () => {
  it('keeps a page for as long as nothing it was drawn from changes', async () => {
    const { cache, render, renders } = cacheOf();
    await cache.get('L1', render, 0);
    await expect(cache.get('L1', render, 1e12)).resolves.toBe('page 1');
    cache.changed({ kind: 'identifiers', values: ['lot:OTHER'] });
    cache.changed({ kind: 'events', values: ['ni:///sha-256;bb'] });
    await expect(cache.get('L1', render, 1e12)).resolves.toBe('page 1');
    expect(renders()).toBe(1);
  });

  it.each([
    ['a step of the lot is captured', { kind: 'identifiers', values: ['lot:L1'] }],
    ['a step upstream is captured', { kind: 'identifiers', values: ['x', 'lot:HARVEST'] }],
    ['one of its events is anchored or edited', { kind: 'events', values: ['ni:///sha-256;aa'] }],
    ['a publication or master data changes', { kind: 'everything' }],
  ] as const)('renders again once %s', async (_name, change) => {
    const { cache, render } = cacheOf();
    await cache.get('L1', render, 0);
    cache.changed(change);
    await expect(cache.get('L1', render, 0)).resolves.toBe('page 2');
  });

  it('renders again when its clock runs out (a publication that ends)', async () => {
    const { cache, render } = cacheOf(sources({ until: 1000 }));
    await cache.get('L1', render, 0);
    await expect(cache.get('L1', render, 999)).resolves.toBe('page 1');
    await expect(cache.get('L1', render, 1000)).resolves.toBe('page 2');
  });

  it('does not keep a render that was under way when a change arrived', async () => {
    const { cache, render } = cacheOf();
    const first = cache.get('L1', render, 0);
    cache.changed({ kind: 'identifiers', values: ['unrelated'] });
    await first;
    await expect(cache.get('L1', render, 0)).resolves.toBe('page 2');
  });

  it('renders once for scans arriving together', async () => {
    const { cache, render, renders } = cacheOf();
    await Promise.all([cache.get('L1', render, 0), cache.get('L1', render, 0)]);
    expect(renders()).toBe(1);
  });

  it('keeps nothing while changes cannot be heard', async () => {
    const { cache, render } = cacheOf();
    await cache.get('L1', render, 0);
    cache.listening(false);
    await expect(cache.get('L1', render, 0)).resolves.toBe('page 2');
    await expect(cache.get('L1', render, 0)).resolves.toBe('page 3');
    expect(cache.size).toBe(0);
  });

  it('does not keep a failed render', async () => {
    const { cache } = cacheOf();
    await expect(cache.get('L1', () => Promise.reject(new Error('db down')), 0)).rejects.toThrow();
    expect(cache.size).toBe(0);
  });

  it('hands a kept page over at once, but never one still rendering, changed or out of time', async () => {
    const { cache, render } = cacheOf(sources({ until: 1000 }));
    const rendering = cache.get('L1', render, 0);
    expect(cache.kept('L1', 0)).toBeUndefined();
    await rendering;
    expect(cache.kept('L1', 999)).toBe('page 1');
    expect(cache.kept('L1', 1000)).toBeUndefined();
    expect(cache.kept('L2', 0)).toBeUndefined();
    cache.changed({ kind: 'identifiers', values: ['lot:L1'] });
    expect(cache.kept('L1', 0)).toBeUndefined();
  });
});
