import type { ApiKeyInfo, KeyStore } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { makeKey, makeTeam } from "../testing/fakes";
import { KeyCache } from "./key-cache";

const key = makeKey(makeTeam());

/** A store whose lookups wait until released, to observe concurrency. */
function gatedStore(value: ApiKeyInfo | null) {
  const pending: (() => void)[] = [];
  let calls = 0;
  const store: KeyStore = {
    findByHash: () => {
      calls += 1;
      return new Promise((resolve) => pending.push(() => resolve(value)));
    },
    touchLastUsed: async () => undefined,
  };
  return {
    store,
    release: () => {
      for (const go of pending.splice(0)) go();
    },
    calls: () => calls,
  };
}

describe("KeyCache", () => {
  it("single-flights concurrent misses and then serves from memory synchronously", async () => {
    const { store, release, calls } = gatedStore(key);
    const cache = new KeyCache(store, {
      ttlMs: 1000,
      negativeTtlMs: 100,
      maxEntries: 10,
      staleMs: 60_000,
    });
    const lookups = [cache.get("h"), cache.get("h"), cache.get("h")];
    expect(calls()).toBe(1);
    release();
    expect(await Promise.all(lookups)).toEqual([key, key, key]);
    expect(cache.get("h")).toBe(key);
    expect(calls()).toBe(1);
  });

  it("expires entries after their TTL, unknown keys sooner", async () => {
    let now = 0;
    const found = new KeyCache(
      { findByHash: async () => key, touchLastUsed: async () => undefined },
      {
        ttlMs: 1000,
        negativeTtlMs: 100,
        maxEntries: 10,
        staleMs: 60_000,
        now: () => now,
      },
    );
    await found.get("h");
    now = 999;
    expect(found.get("h")).toBe(key);
    now = 1000;
    expect(found.get("h")).toBeInstanceOf(Promise);

    now = 0;
    const missing = new KeyCache(
      { findByHash: async () => null, touchLastUsed: async () => undefined },
      {
        ttlMs: 1000,
        negativeTtlMs: 100,
        maxEntries: 10,
        staleMs: 60_000,
        now: () => now,
      },
    );
    await missing.get("x");
    now = 99;
    expect(missing.get("x")).toBeNull();
    now = 100;
    expect(missing.get("x")).toBeInstanceOf(Promise);
  });

  it("does not let a lookup that started before an invalidation repopulate the cache", async () => {
    const { store, release, calls } = gatedStore(key);
    const cache = new KeyCache(store, {
      ttlMs: 1000,
      negativeTtlMs: 100,
      maxEntries: 10,
      staleMs: 60_000,
    });
    const before = cache.get("h");
    cache.invalidate("h");
    release();
    await before;
    expect(cache.get("h")).toBeInstanceOf(Promise);
    expect(calls()).toBe(2);
  });

  it("evicts the oldest entry beyond maxEntries", async () => {
    const cache = new KeyCache(
      { findByHash: async () => key, touchLastUsed: async () => undefined },
      {
        ttlMs: 1000,
        negativeTtlMs: 100,
        maxEntries: 2,
        staleMs: 60_000,
      },
    );
    await cache.get("a");
    await cache.get("b");
    await cache.get("c");
    expect(cache.size).toBe(2);
    expect(cache.get("a")).toBeInstanceOf(Promise);
  });

  it("keeps a key it knew authenticating while the store is down, for staleMs, then 503", async () => {
    let now = 0;
    let down = false;
    const store: KeyStore = {
      findByHash: async (hash) => {
        if (down) throw new Error("connect ECONNREFUSED");
        return hash === "known" ? key : null;
      },
      touchLastUsed: async () => undefined,
    };
    const cache = new KeyCache(store, {
      ttlMs: 1000,
      negativeTtlMs: 100,
      maxEntries: 10,
      staleMs: 15 * 60_000,
      now: () => now,
    });
    expect(await cache.get("known")).toBe(key);
    down = true;
    now = 5_000; // past the TTL: the store is asked, and fails
    expect(await cache.get("known")).toBe(key);
    // The stale answer is served from memory between retries, not one store call per request.
    now = 6_000;
    expect(cache.get("known")).toBe(key);
    // A key never seen cannot be checked: 503, not 500.
    await expect(cache.get("never-seen")).rejects.toMatchObject({
      status: 503,
      code: "key_check_unavailable",
    });
    now = 15 * 60_000 + 1;
    await expect(cache.get("known")).rejects.toMatchObject({ status: 503 });
    down = false;
    expect(await cache.get("known")).toBe(key);
  });
});
