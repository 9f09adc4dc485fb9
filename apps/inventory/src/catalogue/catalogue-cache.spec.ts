import { CatalogueCache } from './catalogue-cache';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('CatalogueCache', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 1_000));

  it('answers repeated reads within the ttl from one load, then loads again', async () => {
    const cache = new CatalogueCache<number>(1_000, clock);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.read(load)).toBe(1);
    now += 999;
    expect(await cache.read(load)).toBe(1);
    now += 1;
    expect(await cache.read(load)).toBe(2);
  });

  it('shares one in-flight load between concurrent readers', async () => {
    const cache = new CatalogueCache<string>(1_000, clock);
    const pending = deferred<string>();
    let loads = 0;
    const load = () => (loads++, pending.promise);
    const both = Promise.all([cache.read(load), cache.read(load)]);
    pending.resolve('rows');
    expect(await both).toEqual(['rows', 'rows']);
    expect(loads).toBe(1);
  });

  it('reloads after an invalidation', async () => {
    const cache = new CatalogueCache<number>(1_000, clock);
    let loads = 0;
    await cache.read(async () => ++loads);
    cache.invalidate();
    expect(await cache.read(async () => ++loads)).toBe(2);
  });

  it('never keeps a load that started before an invalidation', async () => {
    const cache = new CatalogueCache<string>(1_000, clock);
    const old = deferred<string>();
    const first = cache.read(() => old.promise);
    cache.invalidate(); // stock changed while the old read was in flight
    old.resolve('old stock');
    expect(await first).toBe('old stock');
    expect(await cache.read(async () => 'new stock')).toBe('new stock');
  });

  it('does not cache a failed load', async () => {
    const cache = new CatalogueCache<string>(1_000, clock);
    await expect(cache.read(() => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await cache.read(async () => 'back')).toBe('back');
  });
});
