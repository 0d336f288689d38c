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
    const cache = new KeyCache(store, { ttlMs: 1000, negativeTtlMs: 100, maxEntries: 10 });
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
    const cache = new KeyCache(store, { ttlMs: 1000, negativeTtlMs: 100, maxEntries: 10 });
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
      },
    );
    await cache.get("a");
    await cache.get("b");
    await cache.get("c");
    expect(cache.size).toBe(2);
    expect(cache.get("a")).toBeInstanceOf(Promise);
  });
});
