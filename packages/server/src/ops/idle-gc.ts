/**
 * One full garbage collection when the process goes idle after a busy period.
 *
 * Under load V8 grows the old generation far past what is live (it collects it rarely while
 * allocation is fast), and once requests stop nothing allocates, so no major GC runs and the heap
 * and RSS stay at their peak until V8's memory reducer gets round to it, sometimes minutes later.
 * One collection shortly after the last request gives the pages back. It runs only after at least
 * `minRequests` requests since the previous one and `idleMs` without a request, so a quiet server
 * never collects and a busy one never pauses mid-traffic.
 */

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

export interface IdleCollectorOptions {
  /** Time without a request after which to collect (SWITCHYARD_IDLE_GC_MS); 0 = never. */
  idleMs: number;
  /** Requests since the last collection that make a period busy. */
  minRequests?: number;
  now?: () => number;
  collect: () => void;
}

export const DEFAULT_IDLE_GC_MIN_REQUESTS = 1_000;

/** The trigger, without timers: `noteRequest` per request, `tick` now and then. */
export class IdleCollector {
  private requests = 0;
  private lastRequestAt = 0;
  /** Collections run so far. */
  collections = 0;
  private readonly now: () => number;
  private readonly minRequests: number;

  constructor(private readonly options: IdleCollectorOptions) {
    this.now = options.now ?? Date.now;
    this.minRequests = options.minRequests ?? DEFAULT_IDLE_GC_MIN_REQUESTS;
  }

  noteRequest(): void {
    this.requests += 1;
    this.lastRequestAt = this.now();
  }

  /** Collects (and returns true) when a busy period has been followed by `idleMs` of quiet. */
  tick(): boolean {
    if (this.options.idleMs <= 0 || this.requests < this.minRequests) return false;
    if (this.now() - this.lastRequestAt < this.options.idleMs) return false;
    this.requests = 0;
    this.collections += 1;
    this.options.collect();
    return true;
  }
}

/**
 * V8's full collection as a function. `--expose-gc` given to node provides `globalThis.gc`;
 * otherwise the flag is set at run time and a new context picks the function up (the main
 * context's globals were made before the flag, and nothing else in the process sees it).
 */
export function fullGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === "function") return existing;
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

/** An IdleCollector on a timer (unref'd: it never keeps the process alive); `stop` ends it. */
export function startIdleCollector(options: {
  idleMs: number;
  minRequests?: number;
  collect?: () => void;
}): { collector: IdleCollector; stop(): void } {
  const collector = new IdleCollector({ ...options, collect: options.collect ?? fullGc() });
  if (options.idleMs <= 0) return { collector, stop: () => undefined };
  const timer = setInterval(
    () => collector.tick(),
    Math.max(250, Math.min(options.idleMs / 2, 5_000)),
  );
  timer.unref();
  return { collector, stop: () => clearInterval(timer) };
}
