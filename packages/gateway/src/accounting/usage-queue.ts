import { type RequestLogEntry, UsageRowsRejected, type UsageSink } from "@switchyard/core";
import type { Logger } from "pino";
import { errorSummary } from "../auth/last-used-batcher";
import { scrubEntry } from "./scrub-entry";
import type { UsageSpool } from "./usage-spool";

export interface UsageQueueOptions {
  maxEntries: number;
  batchSize: number;
  flushMs: number;
  /** Tries of one batch while the store fails before it is spooled (or, with no spool, waited on). */
  maxAttempts: number;
  /** First retry delay; doubled each try. Also the pause between replays while the store is down. */
  retryBaseMs: number;
  /** A write that has not answered after this long counts as failed (the store hangs). */
  writeTimeoutMs: number;
  /** Where batches go while the store cannot take them; without one they wait in memory. */
  spool?: UsageSpool;
}

export interface UsageQueueStats {
  /** Entries waiting in memory. */
  queued: number;
  /** Entries written to the store (directly or replayed from the spool). */
  written: number;
  /** Entries put in the spool because the store could not take them. */
  spooled: number;
  /** Spooled entries written to the store since. */
  replayed: number;
  /** Entries lost: the queue was full, or the spool full, or (no spool) shutdown could not write. */
  dropped: number;
  /** Entries the store refused for what they held, written again with their text cleaned. */
  cleaned: number;
  /** Entries the store refused even cleaned (never expected; logged with their id). */
  failed: number;
  failedBatches: number;
}

const LEFTOVER_NONE: RequestLogEntry[] = [];

/**
 * Bounded in-memory accounting queue with one writer. The writer takes up to `batchSize` entries
 * when the batch is full or `flushMs` after the first entry arrived, and calls UsageSink.writeBatch.
 *
 * - A batch the store refuses for what its rows hold (UsageRowsRejected) is split in halves at
 *   once, no waiting, until the bad row is alone (O(log n) writes); that row is written again with
 *   its text cleaned (scrubEntry). Nothing is dropped for its content.
 * - A batch the store cannot take (down, unreachable, hanging) is retried `maxAttempts` times with
 *   backoff, then goes to the spool, and so does every later batch, in order, until the spool has
 *   been replayed into the store (replays are idempotent: the sink skips rows it already has).
 * - Entries are dropped (counted, logged at most once a second) only when memory or the spool is
 *   full, so memory stays bounded and requests never wait on accounting.
 */
export class UsageQueue {
  private queue: RequestLogEntry[] = [];
  private writing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private lastDropLog = 0;
  /** The spool holds batches not yet replayed: new batches follow them there, in order. */
  private spooling = false;
  private replaying: Promise<void> | null = null;
  private replayAgain = false;
  /** The batch the writer holds (out of the queue, not yet in the store). */
  private inWrite: readonly RequestLogEntry[] = LEFTOVER_NONE;
  readonly stats: UsageQueueStats = {
    queued: 0,
    written: 0,
    spooled: 0,
    replayed: 0,
    dropped: 0,
    cleaned: 0,
    failed: 0,
    failedBatches: 0,
  };

  constructor(
    private readonly sink: UsageSink,
    private readonly logger: Logger,
    private readonly options: UsageQueueOptions,
  ) {}

  /** Pick up what an earlier run left in the spool. */
  async resume(): Promise<void> {
    if (this.options.spool !== undefined && (await this.options.spool.hasPending())) {
      this.spooling = true;
      this.ensureReplaying();
    }
  }

  push(entry: RequestLogEntry): boolean {
    if (this.queue.length >= this.options.maxEntries) {
      this.drop(1, "usage queue full: dropping request log entries");
      return false;
    }
    this.queue.push(entry);
    this.stats.queued = this.queue.length;
    if (this.writing !== null) return true;
    if (this.queue.length >= this.options.batchSize) this.startWriter();
    else if (this.timer === null && !this.closed) this.schedule();
    return true;
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Bytes in the spool (0 without one). */
  get spoolBytes(): number {
    return this.options.spool?.sizeBytes ?? 0;
  }

  /** Entries in memory not yet in the store (queued, or held by the writer), at this instant. */
  inMemory(): RequestLogEntry[] {
    return [...this.inWrite, ...this.queue];
  }

  /** Entries waiting in the spool. */
  async spooled(): Promise<RequestLogEntry[]> {
    return (await this.options.spool?.pendingEntries()) ?? [];
  }

  /** Every entry not yet in the store: in memory, and in the spool (e.g. to count their spend). */
  async unwritten(): Promise<RequestLogEntry[]> {
    const inMemory = this.inMemory();
    return [...(await this.spooled()), ...inMemory];
  }

  /** Write (or spool) everything queued and stop; the spool keeps what the store could not take. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    while (this.writing !== null || this.queue.length > 0) {
      if (this.writing === null) this.startWriter();
      await this.writing;
    }
    await this.replaying;
    await this.options.spool?.close();
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.startWriter();
    }, this.options.flushMs);
    this.timer.unref();
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
      } else if (this.queue.length > 0 && this.timer === null) this.schedule();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.batchSize);
      this.stats.queued = this.queue.length;
      this.inWrite = batch;
      try {
        if (this.spooling) await this.toSpool(batch);
        else {
          const leftover = await this.write(batch, this.options.maxAttempts);
          if (leftover.length > 0) await this.toSpool(leftover);
        }
      } finally {
        this.inWrite = LEFTOVER_NONE;
      }
      if (!this.closed && this.queue.length < this.options.batchSize) return;
    }
  }

  /**
   * Write a batch; what the store could not take (down after `attempts` tries) comes back. Rows
   * refused for their content are isolated and written cleaned.
   */
  private async write(batch: RequestLogEntry[], attempts: number): Promise<RequestLogEntry[]> {
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      const result = await this.writeOnce(batch);
      if (result === "ok") return LEFTOVER_NONE;
      if (result === "rejected") return this.isolate(batch);
      this.stats.failedBatches += 1;
      if (attempt + 1 < attempts) await this.wait(this.options.retryBaseMs * 2 ** attempt);
    }
    return batch;
  }

  /** Halve a refused batch until the bad rows are alone; no retries, no waits. */
  private async isolate(batch: RequestLogEntry[]): Promise<RequestLogEntry[]> {
    if (batch.length === 1) return this.writeCleaned(batch[0] as RequestLogEntry);
    const middle = Math.ceil(batch.length / 2);
    const leftover: RequestLogEntry[] = [];
    for (const half of [batch.slice(0, middle), batch.slice(middle)]) {
      const result = await this.writeOnce(half);
      if (result === "rejected") leftover.push(...(await this.isolate(half)));
      else if (result === "down") leftover.push(...half);
    }
    return leftover;
  }

  private async writeCleaned(entry: RequestLogEntry): Promise<RequestLogEntry[]> {
    const result = await this.writeOnce([scrubEntry(entry)]);
    if (result === "down") return [entry];
    if (result === "ok") {
      this.stats.cleaned += 1;
      this.logger.warn(
        { entryId: entry.id },
        "request log row refused; written with its text cleaned",
      );
    } else {
      this.stats.failed += 1;
      this.logger.error({ entryId: entry.id }, "request log row refused even cleaned");
    }
    return LEFTOVER_NONE;
  }

  private async writeOnce(batch: RequestLogEntry[]): Promise<"ok" | "rejected" | "down"> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer from the store in ${this.options.writeTimeoutMs} ms`)),
        this.options.writeTimeoutMs,
      );
    });
    try {
      await Promise.race([this.sink.writeBatch(batch), timeout]);
      this.stats.written += batch.length;
      return "ok";
    } catch (error) {
      if (error instanceof UsageRowsRejected) return "rejected";
      this.logger.warn(
        { err: errorSummary(error), entries: batch.length },
        "usage batch write failed",
      );
      return "down";
    } finally {
      clearTimeout(timer);
    }
  }

  private async toSpool(batch: RequestLogEntry[]): Promise<void> {
    const spool = this.options.spool;
    if (spool === undefined) {
      // No spool: keep the batch in memory (ahead of newer entries) and try again later, unless
      // shutting down.
      if (this.closed) {
        this.drop(batch.length, "store unavailable at shutdown: request log entries lost");
        return;
      }
      this.queue.unshift(...batch);
      this.stats.queued = this.queue.length;
      await this.wait(this.options.retryBaseMs * 2 ** Math.min(this.options.maxAttempts, 6));
      return;
    }
    this.spooling = true;
    if (await spool.append(batch)) this.stats.spooled += batch.length;
    else this.drop(batch.length, "accounting spool full: dropping request log entries");
    this.ensureReplaying();
  }

  private ensureReplaying(): void {
    if (this.replaying !== null) {
      this.replayAgain = true;
      return;
    }
    this.replaying = this.replay().finally(() => {
      this.replaying = null;
      if (this.replayAgain) {
        this.replayAgain = false;
        this.ensureReplaying();
      }
    });
  }

  /** Write the spool into the store, oldest batch first, pausing while the store is down. */
  private async replay(): Promise<void> {
    const spool = this.options.spool;
    if (spool === undefined) return;
    for (;;) {
      const next = await spool.peek();
      if (next === null) {
        this.spooling = false;
        return;
      }
      const leftover = await this.write(next.entries, 1);
      if (leftover.length === 0) {
        await next.done();
        this.stats.replayed += next.entries.length;
        continue;
      }
      // The store is still down: what is spooled stays for the next start when shutting down.
      if (this.closed) return;
      await this.wait(Math.max(this.options.retryBaseMs, 1_000));
    }
  }

  private drop(count: number, message: string): void {
    this.stats.dropped += count;
    const now = Date.now();
    if (now - this.lastDropLog >= 1000) {
      this.lastDropLog = now;
      this.logger.error({ dropped: this.stats.dropped, queued: this.queue.length }, message);
    }
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms).unref());
  }
}
