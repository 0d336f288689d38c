import type { KeyStore } from "@switchyard/core";
import type { Logger } from "pino";

/**
 * Collects key last-used times and writes them to the KeyStore in one call per interval. At most
 * `maxPending` keys wait (the key cache's size, keyCacheMaxEntries): while the store keeps failing,
 * keys past it are not remembered (counted in `dropped`), so an outage cannot grow the map.
 */
export class LastUsedBatcher {
  private pending = new Map<string, Date>();
  private readonly timer: NodeJS.Timeout;
  /** Last-used times not kept because `maxPending` keys were already waiting. */
  dropped = 0;

  constructor(
    private readonly store: KeyStore,
    private readonly logger: Logger,
    intervalMs: number,
    private readonly maxPending = Number.POSITIVE_INFINITY,
  ) {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  touch(keyId: string, at: Date): void {
    if (this.pending.size >= this.maxPending && !this.pending.has(keyId)) {
      this.dropped += 1;
      return;
    }
    this.pending.set(keyId, at);
  }

  /** Keys waiting for the next write. */
  get size(): number {
    return this.pending.size;
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.store.touchLastUsed(batch);
    } catch (error) {
      // Best effort: keep the newest time per key for the next round.
      for (const [id, at] of batch) {
        if (this.pending.has(id)) continue;
        if (this.pending.size >= this.maxPending) this.dropped += 1;
        else this.pending.set(id, at);
      }
      this.logger.warn(
        { err: errorSummary(error), keys: batch.size },
        "key last-used write failed",
      );
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}

export const errorSummary = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);
