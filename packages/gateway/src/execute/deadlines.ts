import type { AbortSource } from "./abort-source";
import { AttemptTimeoutError } from "./errors";

/**
 * Whole-attempt deadlines without a timer per request: attempts register here and one interval
 * aborts those past their deadline. Resolution is `tickMs` (a fraction of the limit, which is
 * normally minutes), far cheaper than setTimeout + clearTimeout per attempt.
 */
export class Deadlines {
  private readonly entries = new Map<AbortSource, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly limitMs: number) {
    const tickMs = Math.max(10, Math.min(1_000, Math.floor(limitMs / 10)));
    this.timer = setInterval(() => this.sweep(), tickMs);
    this.timer.unref();
  }

  add(source: AbortSource): void {
    this.entries.set(source, Date.now() + this.limitMs);
  }

  /** Attempts registered and not yet ended or expired. */
  get size(): number {
    return this.entries.size;
  }

  delete(source: AbortSource): void {
    this.entries.delete(source);
  }

  close(): void {
    clearInterval(this.timer);
    this.entries.clear();
  }

  private sweep(): void {
    if (this.entries.size === 0) return;
    const now = Date.now();
    for (const [source, deadline] of this.entries) {
      if (deadline > now) continue;
      this.entries.delete(source);
      source.abort(new AttemptTimeoutError(this.limitMs));
    }
  }
}
