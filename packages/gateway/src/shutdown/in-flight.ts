import { SwitchyardError } from "@switchyard/core";
import type { AbortSource } from "../execute/abort-source";
import type { StreamHandle } from "../stream/stream-relay";

/** The answer to a request that shutdown cut: retry it (on another instance). */
export const shuttingDown = () =>
  new SwitchyardError("The gateway is shutting down; retry the request.", {
    status: 503,
    code: "shutting_down",
    type: "api_error",
    retryable: true,
    retryAfterSeconds: 1,
  });

export interface InFlightRequest {
  signal: AbortSource;
  stream: StreamHandle | null;
}

export interface DrainResult {
  /** Requests that finished on their own within the grace period. */
  finished: number;
  /** Requests still running at its end: streams ended with an in-band error, others answered 503. */
  cut: number;
}

/**
 * The requests a gateway is serving, so that shutdown can let them finish: stop taking new work
 * (the server's job), wait up to a grace period for these to end, then end the rest cleanly: a
 * stream gets an in-band error event and its end, a request still waiting on its upstream is
 * answered 503 `shutting_down`. Either way the request is accounted as usual.
 */
export class InFlight {
  private readonly requests = new Set<InFlightRequest>();
  private idle: (() => void) | null = null;
  draining = false;

  add(signal: AbortSource): InFlightRequest {
    const request: InFlightRequest = { signal, stream: null };
    this.requests.add(request);
    return request;
  }

  remove(request: InFlightRequest): void {
    this.requests.delete(request);
    if (this.requests.size === 0) this.idle?.();
  }

  get size(): number {
    return this.requests.size;
  }

  async drain(graceMs: number): Promise<DrainResult> {
    this.draining = true;
    const before = this.requests.size;
    await this.settle(graceMs);
    const cut = this.requests.size;
    for (const request of this.requests) {
      if (request.stream !== null) request.stream.terminate(shuttingDown());
      else request.signal.abort(shuttingDown());
    }
    // Give the cut requests a moment to write their last frame or their 503.
    await this.settle(2_000);
    return { finished: before - cut, cut };
  }

  private settle(ms: number): Promise<void> {
    if (this.requests.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.idle = () => {
        this.idle = null;
        done();
      };
    });
  }
}
