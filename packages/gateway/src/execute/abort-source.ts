import { EventEmitter } from "node:events";

/**
 * A light abort signal: an EventEmitter with `aborted` and `reason`, which undici accepts as a
 * request `signal`. AbortController/AbortSignal (EventTarget) cost several µs a request on Node 20,
 * and the hot path needs one per request and one per upstream attempt.
 */
export class AbortSource extends EventEmitter {
  aborted = false;
  reason: unknown = undefined;

  abort(reason?: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason ?? new Error("aborted");
    this.emit("abort");
  }

  /** Call `listener` once on abort; returns a function that removes it. */
  onAbort(listener: () => void): () => void {
    this.once("abort", listener);
    return () => {
      this.off("abort", listener);
    };
  }

  /** An AbortSource that follows a WHATWG AbortSignal (web adapter). */
  static fromSignal(signal: AbortSignal): AbortSource {
    const source = new AbortSource();
    if (signal.aborted) source.abort(signal.reason);
    else signal.addEventListener("abort", () => source.abort(signal.reason), { once: true });
    return source;
  }
}
