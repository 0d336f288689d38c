import { gcraRemaining, gcraResetMs } from "./gcra";
import type { PlannedRate, RateHeaders, RateKind } from "./types";

/** A duration as OpenAI writes it in x-ratelimit-reset-*: "20ms", "1s", "1.5s", "6m0s", "1h2m3s". */
export function formatResetDuration(ms: number): string {
  const rounded = Math.max(0, Math.ceil(ms));
  if (rounded < 1000) return `${rounded}ms`;
  const hours = Math.floor(rounded / 3_600_000);
  const minutes = Math.floor((rounded % 3_600_000) / 60_000);
  const seconds = (rounded % 60_000) / 1000;
  const secondsText = `${Number(seconds.toFixed(3))}s`;
  if (hours > 0) return `${hours}h${minutes}m${secondsText}`;
  if (minutes > 0) return `${minutes}m${secondsText}`;
  return secondsText;
}

/**
 * x-ratelimit-{limit,remaining,reset}-{requests,tokens}. With a key limit and a team limit of the
 * same kind, the one with fewer units remaining is reported.
 */
export function rateHeaders(
  rates: readonly PlannedRate[],
  tats: readonly number[],
  now: number,
): RateHeaders {
  let requests: Reported | null = null;
  let tokens: Reported | null = null;
  for (let i = 0; i < rates.length; i += 1) {
    const rate = rates[i] as PlannedRate;
    const tat = tats[i] ?? now;
    const remaining = gcraRemaining(tat, now, rate.intervalMs, rate.windowMs, rate.limit);
    const current = rate.kind === "requests" ? requests : tokens;
    if (current !== null && remaining >= current.remaining) continue;
    const reported = { limit: rate.limit, remaining, resetMs: gcraResetMs(tat, now) };
    if (rate.kind === "requests") requests = reported;
    else tokens = reported;
  }
  const headers: RateHeaders = {};
  if (requests !== null) write(headers, "requests", requests);
  if (tokens !== null) write(headers, "tokens", tokens);
  return headers;
}

interface Reported {
  limit: number;
  remaining: number;
  resetMs: number;
}

/** Header names per kind, built once (not per response). */
const NAMES = {
  requests: [
    "x-ratelimit-limit-requests",
    "x-ratelimit-remaining-requests",
    "x-ratelimit-reset-requests",
  ],
  tokens: ["x-ratelimit-limit-tokens", "x-ratelimit-remaining-tokens", "x-ratelimit-reset-tokens"],
} as const;

function write(headers: RateHeaders, kind: RateKind, value: Reported): void {
  const [limit, remaining, reset] = NAMES[kind];
  headers[limit] = String(value.limit);
  headers[remaining] = String(value.remaining);
  headers[reset] = formatResetDuration(value.resetMs);
}
