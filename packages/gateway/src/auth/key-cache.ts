import { type ApiKeyInfo, type KeyStore, SwitchyardError } from "@switchyard/core";

interface Entry {
  value: ApiKeyInfo | null;
  expiresAt: number;
  /** When the store last answered for this key. */
  fetchedAt: number;
}

export interface KeyCacheOptions {
  ttlMs: number;
  negativeTtlMs: number;
  maxEntries: number;
  /** How long an answer stays usable while the store cannot be reached. */
  staleMs: number;
  now?: () => number;
}

/** The store could not be asked and the key was not known recently: 503, in the API's shape. */
export const keyCheckUnavailable = () =>
  new SwitchyardError("The API key cannot be checked right now; try again in a few seconds.", {
    status: 503,
    code: "key_check_unavailable",
    type: "api_error",
    retryable: true,
    retryAfterSeconds: 5,
  });

/** While the store is unreachable, a stale answer is tried again this often. */
const STALE_RETRY_MS = 5_000;

/**
 * In-memory cache of keys by SHA-256 hash in front of the KeyStore. Hits never touch storage;
 * concurrent misses for one hash share one lookup; unknown hashes are remembered briefly so a
 * flood of bad keys does not reach the database. When the store cannot be reached, the last
 * answer for a key keeps serving for `staleMs` (revocations still arrive through change notices);
 * past that, or for a key never seen, the lookup fails with a 503.
 */
export class KeyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<ApiKeyInfo | null>>();
  /** The clock expiries are judged by (injectable for tests). */
  readonly now: () => number;
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
      .then(
        (value) => {
          if (generation === this.generation) this.set(hash, value);
          return value;
        },
        () => {
          const now = this.now();
          if (entry === undefined || now - entry.fetchedAt > this.options.staleMs)
            throw keyCheckUnavailable();
          // Serve the last answer, and ask the store again in a few seconds (not per request).
          if (generation === this.generation) entry.expiresAt = now + STALE_RETRY_MS;
          return entry.value;
        },
      )
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
    const now = this.now();
    this.entries.set(hash, { value, expiresAt: now + ttl, fetchedAt: now });
  }
}
