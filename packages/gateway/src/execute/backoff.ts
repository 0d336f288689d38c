import type { AbortSource } from "./abort-source";

/**
 * Wait before retry number `retry` (0-based): exponential with full jitter, or the upstream's
 * retry-after when it gave one; both capped at `maxMs`.
 */
export function backoffDelayMs(
  retry: number,
  options: { baseMs: number; maxMs: number; retryAfterSeconds?: number | undefined },
  random: () => number = Math.random,
): number {
  if (options.retryAfterSeconds !== undefined && options.retryAfterSeconds >= 0) {
    return Math.min(options.maxMs, Math.round(options.retryAfterSeconds * 1000));
  }
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** retry);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** setTimeout as a promise that rejects when `signal` aborts. */
export function sleep(ms: number, signal: AbortSource): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const stop = signal.onAbort(() => {
      clearTimeout(timer);
      reject(signal.reason);
    });
    const timer = setTimeout(() => {
      stop();
      resolve();
    }, ms);
  });
}
