import type { RequestLogEntry, UsageSink } from "@switchyard/core";
import type { Logger } from "pino";
import { errorSummary } from "../auth/last-used-batcher";

export interface UsageQueueOptions {
  maxEntries: number;
  batchSize: number;
  flushMs: number;
  /** Tries of one batch before it is split in halves. */
  maxAttempts: number;
  /** Tries of a single entry before it is given up. */
  entryMaxAttempts: number;
  retryBaseMs: number;
}

export interface UsageQueueStats {
  queued: number;
  written: number;
  /** Entries refused because the queue was full. */
  dropped: number;
  /** Entries given up after entryMaxAttempts failed writes. */
  failed: number;
  failedBatches: number;
}

/**
 * Bounded in-memory accounting queue with one writer. The writer takes up to `batchSize` entries
 * when the batch is full or `flushMs` after the first entry arrived, and calls UsageSink.writeBatch.
 * A failed batch is retried with exponential backoff (`maxAttempts`), then split in halves and
 * each half retried the same way, down to single entries; a single entry is given up only after
 * `entryMaxAttempts` (logged with its id). While the writer retries, new entries keep queueing.
 *
 * Full queue policy: when `maxEntries` entries are waiting (the sink has been down for a long
 * time), a new entry is dropped, counted in `stats.dropped` and logged (at most once a second),
 * so memory stays bounded and requests are never slowed by accounting.
 */
export class UsageQueue {
  private queue: RequestLogEntry[] = [];
  private writing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private lastDropLog = 0;
  readonly stats: UsageQueueStats = {
    queued: 0,
    written: 0,
    dropped: 0,
    failed: 0,
    failedBatches: 0,
  };

  constructor(
    private readonly sink: UsageSink,
    private readonly logger: Logger,
    private readonly options: UsageQueueOptions,
  ) {}

  push(entry: RequestLogEntry): boolean {
    if (this.queue.length >= this.options.maxEntries) {
      this.stats.dropped += 1;
      const now = Date.now();
      if (now - this.lastDropLog >= 1000) {
        this.lastDropLog = now;
        this.logger.error(
          { dropped: this.stats.dropped, queued: this.queue.length },
          "usage queue full: dropping request log entries",
        );
      }
      return false;
    }
    this.queue.push(entry);
    this.stats.queued = this.queue.length;
    if (this.writing !== null) return true;
    if (this.queue.length >= this.options.batchSize) this.startWriter();
    else if (this.timer === null && !this.closed) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.startWriter();
      }, this.options.flushMs);
      this.timer.unref();
    }
    return true;
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Write everything queued (retrying as usual) and stop the timer. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    while (this.writing !== null || this.queue.length > 0) {
      if (this.writing === null) this.startWriter();
      await this.writing;
    }
  }

  private startWriter(): void {
    if (this.writing !== null || this.queue.length === 0) return;
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.writing = this.drain().finally(() => {
      this.writing = null;
      if (this.queue.length >= this.options.batchSize || (this.closed && this.queue.length > 0)) {
        this.startWriter();
      } else if (this.queue.length > 0 && this.timer === null) {
        this.timer = setTimeout(() => {
          this.timer = null;
          this.startWriter();
        }, this.options.flushMs);
        this.timer.unref();
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.batchSize);
      this.stats.queued = this.queue.length;
      await this.writeWithRetry(batch, 0);
      if (!this.closed && this.queue.length < this.options.batchSize) return;
    }
  }

  private async writeWithRetry(
    batch: RequestLogEntry[],
    entryAttemptsSoFar: number,
  ): Promise<void> {
    const single = batch.length === 1;
    const limit = single
      ? Math.max(1, this.options.entryMaxAttempts - entryAttemptsSoFar)
      : this.options.maxAttempts;
    for (let attempt = 0; attempt < limit; attempt += 1) {
      try {
        await this.sink.writeBatch(batch);
        this.stats.written += batch.length;
        return;
      } catch (error) {
        this.stats.failedBatches += 1;
        this.logger.warn(
          { err: errorSummary(error), entries: batch.length, attempt: attempt + 1 },
          "usage batch write failed",
        );
        if (attempt + 1 < limit)
          await this.wait(this.options.retryBaseMs * 2 ** Math.min(attempt, 6));
      }
    }
    if (!single) {
      const middle = Math.ceil(batch.length / 2);
      await this.writeWithRetry(batch.slice(0, middle), this.options.maxAttempts);
      await this.writeWithRetry(batch.slice(middle), this.options.maxAttempts);
      return;
    }
    this.stats.failed += 1;
    this.logger.error(
      { entryId: batch[0]?.id },
      "usage entry given up after repeated write failures",
    );
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}
