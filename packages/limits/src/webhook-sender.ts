import { createHmac, timingSafeEqual } from "node:crypto";
import { picosToUsdString } from "@switchyard/core";
import {
  type AddressPolicy,
  denyPrivateAddresses,
  guardedConnectOptions,
  isAddressDenied,
} from "@switchyard/core/network";
import { Client } from "undici";
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

/**
 * POST through a one-off undici Client whose connections pass the address policy (a refused
 * literal throws at once; a name is checked on what it resolves to, when it connects).
 */
function guardedFetch(policy: AddressPolicy, timeoutMs: number): FetchLike {
  return async (url, init) => {
    const target = new URL(url);
    const client = new Client(target.origin, {
      connect: { timeout: timeoutMs, ...guardedConnectOptions(policy, target) },
    });
    try {
      const response = await client.request({
        path: target.pathname + target.search,
        method: "POST",
        headers: init.headers,
        body: init.body,
        signal: init.signal,
      });
      await response.body.dump();
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      return { ok, status: response.statusCode };
    } finally {
      await client.close().catch(() => client.destroy());
    }
  };
}

export interface WebhookSenderOptions {
  url: string;
  secret: string;
  attempts?: number;
  timeoutMs?: number;
  /**
   * Internal addresses the webhook may be at (the instance's SWITCHYARD_ALLOWED_PRIVATE_HOSTS);
   * default none: public addresses only.
   */
  addressPolicy?: AddressPolicy | undefined;
  /** Replaces the guarded transport (tests). */
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
 * to whether it was delivered and never rejects, so callers may fire and forget. A webhook at an
 * internal address the policy does not allow gets nothing, at once.
 */
export function createWebhookSender(options: WebhookSenderOptions) {
  const attempts = options.attempts ?? 4;
  const timeoutMs = options.timeoutMs ?? 5000;
  const doFetch: FetchLike =
    options.fetch ?? guardedFetch(options.addressPolicy ?? denyPrivateAddresses, timeoutMs);
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
        if (isAddressDenied(error)) {
          // Not the receiver's fault, nor a passing one: no retry, and nothing said about it.
          options.logger?.warn(
            { alertId: event.id, reason: error.category },
            "budget webhook refused: its address is internal and not allowed",
          );
          return false;
        }
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
