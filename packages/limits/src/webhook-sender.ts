import { createHmac, timingSafeEqual } from "node:crypto";
import { picosToUsdString } from "@switchyard/core";
import type { BudgetAlertEvent } from "./alert-tracker";
import type { LimitsLogger } from "./types";

export const SIGNATURE_HEADER = "x-switchyard-signature";
export const TIMESTAMP_HEADER = "x-switchyard-timestamp";

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export function verifyWebhook(
  secret: string,
  timestamp: string,
  body: string,
  signature: string,
): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The JSON body sent for a budget alert; amounts as exact decimal USD strings. */
export function alertPayload(event: BudgetAlertEvent) {
  return {
    type: "budget.threshold_reached",
    id: event.id,
    budget: {
      id: event.budgetId,
      name: event.budgetName ?? null,
      scope: event.scope,
      teamId: event.teamId,
      apiKeyId: event.apiKeyId ?? null,
    },
    threshold: event.threshold,
    limitUsd: picosToUsdString(event.limitPicos),
    spentUsd: picosToUsdString(event.spentPicos),
    periodStart: new Date(event.periodStart).toISOString(),
    periodEnd: event.periodEnd === null ? null : new Date(event.periodEnd).toISOString(),
    at: new Date(event.at).toISOString(),
  };
}

type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{ ok: boolean; status: number }>;

export interface WebhookSenderOptions {
  url: string;
  secret: string;
  attempts?: number;
  timeoutMs?: number;
  fetch?: FetchLike;
  /** Wait between attempts (attempt 1, 2, ...); tests pass one that does not wait. */
  sleep?: (ms: number, attempt: number) => Promise<void>;
  logger?: LimitsLogger;
  clock?: () => number;
}

const defaultSleep = (ms: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Posts alert events to a team's webhook with a signed body, retrying with backoff. `send` resolves
 * to whether it was delivered and never rejects, so callers may fire and forget.
 */
export function createWebhookSender(options: WebhookSenderOptions) {
  const attempts = options.attempts ?? 4;
  const timeoutMs = options.timeoutMs ?? 5000;
  const doFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const sleep = options.sleep ?? defaultSleep;
  const clock = options.clock ?? Date.now;

  return async function send(event: BudgetAlertEvent): Promise<boolean> {
    const body = JSON.stringify(alertPayload(event));
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      const timestamp = String(Math.floor(clock() / 1000));
      try {
        const response = await doFetch(options.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            [TIMESTAMP_HEADER]: timestamp,
            [SIGNATURE_HEADER]: signWebhook(options.secret, timestamp, body),
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (response.ok) return true;
        if (response.status >= 400 && response.status < 500 && response.status !== 429) {
          options.logger?.warn(
            { alertId: event.id, status: response.status },
            "budget webhook refused the alert",
          );
          return false;
        }
      } catch (error) {
        options.logger?.warn(
          {
            alertId: event.id,
            attempt,
            err: error instanceof Error ? error.message : String(error),
          },
          "budget webhook failed",
        );
      }
      if (attempt < attempts) await sleep(500 * 2 ** (attempt - 1), attempt);
    }
    options.logger?.error({ alertId: event.id, attempts }, "budget webhook gave up");
    return false;
  };
}
