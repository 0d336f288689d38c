/**
 * GET /metrics in Prometheus' text format: the limits engine's counters (admissions, refusals,
 * downgrades, Redis errors, fail-open admissions and fail-closed refusals, lease syncs) and the
 * database clients the process made and its own figures (CPU, memory, event-loop lag, GC). Served
 * by the production server's dispatcher.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { prismaClientsCreated } from "@switchyard/db";
import type { LimitsEngine, LimitsMetrics } from "@switchyard/limits";
import { Counter, collectDefaultMetrics, Gauge, Registry } from "prom-client";

const limitsCounters: Record<keyof LimitsMetrics, { name: string; help: string }> = {
  admitted: {
    name: "switchyard_limits_admitted_total",
    help: "Requests admitted by budgets and rate limits.",
  },
  refusedBudget: {
    name: "switchyard_limits_refused_budget_total",
    help: "Requests refused because a budget with action block was exhausted.",
  },
  refusedRate: {
    name: "switchyard_limits_refused_rate_total",
    help: "Requests refused by an RPM or TPM limit (429).",
  },
  downgrades: {
    name: "switchyard_limits_downgrades_total",
    help: "Requests moved to a cheaper model by a budget with action downgrade.",
  },
  storeErrors: {
    name: "switchyard_limits_store_errors_total",
    help: "Operations of the limits engine that failed because Redis was unreachable.",
  },
  failOpenAdmits: {
    name: "switchyard_limits_fail_open_admits_total",
    help: "Requests admitted without Redis because their team fails open.",
  },
  failClosedRefusals: {
    name: "switchyard_limits_fail_closed_refusals_total",
    help: "Requests refused (503) without Redis because their team fails closed.",
  },
  leaseSyncs: {
    name: "switchyard_limits_lease_syncs_total",
    help: "Lease syncs with Redis (busy teams admitted out of leased headroom).",
  },
};

/** A registry whose limits counters read `limits.metrics()` at every scrape. */
export function createMetricsRegistry(limits: LimitsEngine | null): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "switchyard_" });
  for (const [field, { name, help }] of Object.entries(limitsCounters)) {
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(limits?.metrics()[field as keyof LimitsMetrics] ?? 0);
      },
    });
  }
  new Gauge({
    name: "switchyard_db_clients_created",
    help: "Prisma clients (each with its own connection pool) this process has made; 1 when the gateway and the console share one pool.",
    registers: [registry],
    collect() {
      this.set(prismaClientsCreated());
    },
  });
  return registry;
}

const digest = (value: string) => createHash("sha256").update(value).digest();

function authorized(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? "");
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1].trim()), digest(token));
}

function reply(response: ServerResponse, status: number, text: string, headers = {}): void {
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
  response.end(text);
}

/** The /metrics handler; with a token, only `Authorization: Bearer <token>` may read it. */
export function metricsHandler(registry: Registry, token: string | undefined) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      reply(response, 405, "Method not allowed\n", { allow: "GET, HEAD" });
      return;
    }
    if (token !== undefined && !authorized(request.headers.authorization, token)) {
      reply(response, 401, "Unauthorized\n", { "www-authenticate": 'Bearer realm="metrics"' });
      return;
    }
    registry.metrics().then(
      (text) =>
        reply(response, 200, request.method === "HEAD" ? "" : text, {
          "content-type": registry.contentType,
        }),
      () => reply(response, 500, "Metrics unavailable\n"),
    );
  };
}
