/**
 * Generic cell rate algorithm: a limit of `limit` units per window is an emission interval of
 * window / limit and a burst of `limit`. The state is one number, the theoretical arrival time (TAT).
 * The Redis script implements the same arithmetic.
 */
export interface GcraResult {
  allowed: boolean;
  /** TAT after this request (unchanged when refused). */
  tat: number;
  /** When refused: milliseconds until the request would fit. */
  retryAfterMs: number;
}

/** Float slack so that exactly `limit` units fit in one burst. */
const EPSILON = 1e-6;

export function gcra(
  storedTat: number,
  now: number,
  intervalMs: number,
  windowMs: number,
  cost: number,
): GcraResult {
  const tat = Math.max(storedTat, now);
  const newTat = tat + cost * intervalMs;
  const allowAt = newTat - windowMs;
  if (allowAt > now + EPSILON) return { allowed: false, tat, retryAfterMs: allowAt - now };
  return { allowed: true, tat: newTat, retryAfterMs: 0 };
}

/** Units still available at `now` for a TAT. */
export function gcraRemaining(
  tat: number,
  now: number,
  intervalMs: number,
  windowMs: number,
  limit: number,
): number {
  const used = Math.max(0, tat - now);
  return Math.max(0, Math.min(limit, Math.floor((windowMs - used) / intervalMs + EPSILON)));
}

/** Milliseconds until the bucket is full again. */
export const gcraResetMs = (tat: number, now: number): number => Math.max(0, tat - now);
