/** The response cache of one gateway process: an LRU bounded in entries and bytes, each entry with its TTL. */
import type { ResponseCache } from "@switchyard/core";
import { LRUCache } from "lru-cache";

export class MemoryResponseCache implements ResponseCache {
  private readonly entries: LRUCache<string, string>;
  private readonly maxEntryBytes: number;

  constructor(options: { maxEntries: number; maxBytes: number }) {
    this.maxEntryBytes = Math.floor(options.maxBytes / 10);
    this.entries = new LRUCache<string, string>({
      max: options.maxEntries,
      maxSize: options.maxBytes,
      // UTF-16 strings: two bytes a code unit.
      sizeCalculation: (value) => Math.max(1, value.length * 2),
    });
  }

  get(key: string): string | null {
    return this.entries.get(key) ?? null;
  }

  set(key: string, value: string, ttlMs: number): void {
    if (value.length * 2 > this.maxEntryBytes) return;
    this.entries.set(key, value, { ttl: ttlMs });
  }

  get size(): number {
    return this.entries.size;
  }
}
