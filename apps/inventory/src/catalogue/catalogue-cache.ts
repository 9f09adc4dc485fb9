/** How long one catalogue read may be served again. Bounds staleness across replicas. */
export const CATALOGUE_CACHE_TTL_MS = 1_000;

/**
 * The catalogue list, read once and shared for a short time.
 *
 * Why: under load every `GET /products` ran the same ordered SELECT of up to
 * 500 rows and mapped them through TypeORM: most of inventory's CPU per
 * request. The list is public and the same for every caller, so one read can
 * answer many. Nothing about the call is skipped: each request still arrives
 * over mTLS and passes the peer-authorization guard first.
 *
 * Correctness:
 *  - concurrent misses share one query (single flight);
 *  - a stock change in this process (reserve, release) invalidates at once, so
 *    a buyer sees their own order's effect on the next read;
 *  - a read that started before an invalidation never refills the cache
 *    (the generation check), so it cannot put old stock back;
 *  - a change made elsewhere (another replica, SQL by hand) shows within
 *    `ttlMs`; reservations themselves never trust this cache.
 *  - a failed read is not cached.
 */
export class CatalogueCache<T> {
  private entry?: { readonly value: Promise<T>; readonly until: number };
  private generation = 0;

  constructor(
    private readonly ttlMs = CATALOGUE_CACHE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  read(load: () => Promise<T>): Promise<T> {
    if (this.entry && this.now() < this.entry.until) return this.entry.value;
    const generation = this.generation;
    const value = load();
    this.entry = { value, until: this.now() + this.ttlMs };
    value.then(
      () => {
        // The load spans an invalidation: serve it to its callers, keep it for nobody else.
        if (generation !== this.generation && this.entry?.value === value) this.entry = undefined;
      },
      () => {
        if (this.entry?.value === value) this.entry = undefined;
      },
    );
    return value;
  }

  invalidate(): void {
    this.generation += 1;
    this.entry = undefined;
  }
}
