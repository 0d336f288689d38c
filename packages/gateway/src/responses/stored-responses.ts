import type { ResponseStore, StoredResponse } from "@switchyard/core";
import type { Logger } from "pino";
import { errorSummary } from "../auth/last-used-batcher";
import type { GatewayOptions } from "../options";
import { createdAtOf } from "./response-ids";

export interface StoredResponsesOptions {
  maxQueue: number;
  flushMs: number;
  /** How long a miss on a recently created id is looked for again. */
  waitMs: number;
  /** A response finishes at most this long after its creation (the request's total deadline). */
  maxAnswerMs: number;
  sweepMs: number;
  sweepBatch: number;
}

export interface StoredResponsesStats {
  queued: number;
  written: number;
  dropped: number;
  failedBatches: number;
  swept: number;
}

const BATCH = 100;
const MAX_ATTEMPTS = 5;
const RETRY_BASE_MS = 100;
/** Sweep batches per tick at most (the next tick continues). */
const SWEEP_BATCHES_PER_TICK = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stored responses of POST /v1/responses: written in the background (never delaying an answer),
 * read through for GET, DELETE and previous_response_id.
 *
 * Read-your-writes: a response waiting to be written (or being written) by this instance is
 * served from memory. A lookup that misses in the store, for an id created recently enough that
 * another instance may still be writing it (its creation time is in the id), is tried again for up
 * to `waitMs` before the answer is "not found". Expired rows are never served (reads filter on
 * expiry) and are deleted by a periodic sweep in bounded batches.
 */
export class StoredResponses {
  /** Waiting or being written, by id (what this instance serves before the store has it). */
  private readonly pending = new Map<string, StoredResponse>();
  private queue: StoredResponse[] = [];
  private writing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly sweeper: NodeJS.Timeout | null;
  private sweeping: Promise<void> | null = null;
  private closed = false;
  readonly stats: StoredResponsesStats = {
    queued: 0,
    written: 0,
    dropped: 0,
    failedBatches: 0,
    swept: 0,
  };

  constructor(
    private readonly store: ResponseStore,
    private readonly logger: Logger,
    private readonly options: StoredResponsesOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.sweeper =
      options.sweepMs > 0 ? setInterval(() => void this.sweep(), options.sweepMs) : null;
    this.sweeper?.unref();
  }

  /** Queue a finished response for writing; answers at once. */
  keep(stored: StoredResponse): void {
    if (this.closed || this.queue.length >= this.options.maxQueue) {
      this.stats.dropped += 1;
      this.logger.warn(
        { responseId: stored.id },
        "stored response dropped: the write queue is full",
      );
      return;
    }
    this.queue.push(stored);
    this.pending.set(stored.id, stored);
    this.stats.queued = this.queue.length;
    this.schedule(this.options.flushMs);
  }

  /** The team's stored response, or null (absent, expired, another team's). */
  async find(teamId: string, id: string): Promise<StoredResponse | null> {
    const mine = this.pendingFor(teamId, id);
    if (mine !== undefined) return mine;
    return this.untilFound(id, async () => {
      const waiting = this.pendingFor(teamId, id);
      if (waiting !== undefined) return waiting;
      return this.store.find(teamId, id, new Date(this.now()));
    });
  }

  /** Delete the team's stored response; false when there is none. */
  async delete(teamId: string, id: string): Promise<boolean> {
    const stored = this.pendingFor(teamId, id);
    if (stored !== undefined) {
      const index = this.queue.indexOf(stored);
      this.pending.delete(id);
      if (index >= 0) {
        // Not written yet: it never will be.
        this.queue.splice(index, 1);
        this.stats.queued = this.queue.length;
        return true;
      }
      // Being written now: delete it once the write has landed (or was left out).
      await this.writing;
      await this.store.delete(teamId, id, new Date(this.now()));
      return true;
    }
    const deleted = await this.untilFound(id, async () =>
      (await this.store.delete(teamId, id, new Date(this.now()))) ? true : null,
    );
    return deleted === true;
  }

  /** Write what is queued, then stop the timers (pending writes get their retries). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.sweeper !== null) clearInterval(this.sweeper);
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.sweeping;
    while (this.writing !== null || this.queue.length > 0) await (this.writing ?? this.flush());
  }

  /** Delete expired rows in bounded batches (also run by the timer). */
  sweep(): Promise<void> {
    this.sweeping ??= (async () => {
      try {
        for (let round = 0; round < SWEEP_BATCHES_PER_TICK && !this.closed; round += 1) {
          const batch = this.options.sweepBatch;
          const count = await this.store.deleteExpired(new Date(this.now()), batch);
          this.stats.swept += count;
          if (count < batch) break;
        }
      } catch (error) {
        this.logger.warn({ err: errorSummary(error) }, "stored responses expiry sweep failed");
      } finally {
        this.sweeping = null;
      }
    })();
    return this.sweeping;
  }

  private pendingFor(teamId: string, id: string): StoredResponse | undefined {
    const stored = this.pending.get(id);
    if (stored === undefined || stored.teamId !== teamId) return undefined;
    return stored.expiresAt.getTime() > this.now() ? stored : undefined;
  }

  /**
   * `look` once; while it finds nothing and the id says the response was created within the
   * longest answer time (plus the wait), look again until `waitMs` has passed.
   */
  private async untilFound<T>(id: string, look: () => Promise<T | null>): Promise<T | null> {
    const found = await look();
    if (found !== null) return found;
    const createdAt = createdAtOf(id);
    const started = this.now();
    const recent =
      createdAt !== null &&
      createdAt <= started + 60_000 &&
      started - createdAt <= this.options.maxAnswerMs + this.options.waitMs;
    if (!recent) return null;
    let pause = 10;
    while (this.now() - started < this.options.waitMs) {
      await sleep(Math.min(pause, this.options.waitMs - (this.now() - started)));
      pause = Math.min(pause * 2, 100);
      const again = await look();
      if (again !== null) return again;
    }
    return null;
  }

  private schedule(ms: number): void {
    if (this.timer !== null || this.writing !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
    this.timer.unref();
  }

  private flush(): Promise<void> {
    if (this.writing !== null) return this.writing;
    const batch = this.queue.splice(0, BATCH);
    this.stats.queued = this.queue.length;
    if (batch.length === 0) return Promise.resolve();
    this.writing = this.write(batch).finally(() => {
      this.writing = null;
      for (const stored of batch)
        if (this.pending.get(stored.id) === stored) this.pending.delete(stored.id);
      if (this.queue.length > 0) this.schedule(0);
    });
    return this.writing;
  }

  private async write(batch: StoredResponse[]): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      // A response deleted while its batch waited for a retry is left out.
      const live = batch.filter((stored) => this.pending.get(stored.id) === stored);
      try {
        await this.store.writeBatch(live);
        this.stats.written += live.length;
        return;
      } catch (error) {
        this.stats.failedBatches += 1;
        if (attempt >= MAX_ATTEMPTS) {
          this.stats.dropped += live.length;
          this.logger.error(
            { err: errorSummary(error), responses: live.length },
            "stored responses could not be written; dropped",
          );
          return;
        }
        await sleep(RETRY_BASE_MS * 2 ** (attempt - 1));
      }
    }
  }
}

export const NO_STORED_RESPONSES: StoredResponsesStats = {
  queued: 0,
  written: 0,
  dropped: 0,
  failedBatches: 0,
  swept: 0,
};

/** The gateway's stored responses over `store` (none without one), from its options. */
export function createStoredResponses(
  store: ResponseStore | undefined,
  logger: Logger,
  options: GatewayOptions,
): StoredResponses | undefined {
  if (store === undefined) return undefined;
  return new StoredResponses(store, logger, {
    maxQueue: options.storedResponsesQueueMax,
    flushMs: options.storedResponsesFlushMs,
    waitMs: options.storedResponsesWaitMs,
    maxAnswerMs: options.totalTimeoutMs,
    sweepMs: options.storedResponsesSweepMs,
    sweepBatch: options.storedResponsesSweepBatch,
  });
}
