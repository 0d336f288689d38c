import type { ApiKeyInfo, KeyStore } from "@switchyard/core";

interface Entry {
  value: ApiKeyInfo | null;
  expiresAt: number;
}

export interface KeyCacheOptions {
  ttlMs: number;
  negativeTtlMs: number;
  maxEntries: number;
  now?: () => number;
}

/**
 * In-memory cache of keys by SHA-256 hash in front of the KeyStore. Hits never touch storage;
 * concurrent misses for one hash share one lookup; unknown hashes are remembered briefly so a
 * flood of bad keys does not reach the database.
 */
export class KeyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<ApiKeyInfo | null>>();
  private readonly now: () => number;
  /** Bumped by invalidation so a lookup that started before it does not repopulate stale data. */
  private generation = 0;
  lookups = 0;

  constructor(
    private readonly store: KeyStore,
    private readonly options: KeyCacheOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** The key for `hash`, from memory when fresh, otherwise from the store (single-flighted). */
  get(hash: string): ApiKeyInfo | null | Promise<ApiKeyInfo | null> {
    const entry = this.entries.get(hash);
    if (entry !== undefined && entry.expiresAt > this.now()) return entry.value;
    const pending = this.inflight.get(hash);
    if (pending !== undefined) return pending;
    const generation = this.generation;
    this.lookups += 1;
    const lookup = this.store
      .findByHash(hash)
      .then((value) => {
        if (generation === this.generation) this.set(hash, value);
        return value;
      })
      .finally(() => {
        this.inflight.delete(hash);
      });
    this.inflight.set(hash, lookup);
    return lookup;
  }

  /** Forget one hash, or every key when `hash` is undefined. */
  invalidate(hash?: string): void {
    this.generation += 1;
    if (hash === undefined) this.entries.clear();
    else this.entries.delete(hash);
  }

  get size(): number {
    return this.entries.size;
  }

  private set(hash: string, value: ApiKeyInfo | null): void {
    if (this.entries.size >= this.options.maxEntries && !this.entries.has(hash)) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    const ttl = value === null ? this.options.negativeTtlMs : this.options.ttlMs;
    this.entries.set(hash, { value, expiresAt: this.now() + ttl });
  }
}
