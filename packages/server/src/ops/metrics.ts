/**
 * GET /metrics in Prometheus' text format, for the console server and the standalone gateway:
 * requests and latency per model, the request log's writer and spool, the limits engine's counters
 * (admissions, refusals, downgrades, Redis errors, fail-open admissions and fail-closed refusals,
 * lease syncs), the database clients made, and the process's own figures (CPU, memory, event-loop
 * lag, GC).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestLogEntry } from "@switchyard/core";
import { prismaClientsCreated } from "@switchyard/db";
import type {
  CalibrationStats,
  DeploymentHealth,
  StoredResponsesStats,
  UsageQueueStats,
} from "@switchyard/gateway";
import type { LimitsEngine, LimitsMetrics } from "@switchyard/limits";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

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
  rebuilds: {
    name: "switchyard_limits_rebuilds_total",
    help: "Teams whose budget counters Redis lost (restart, flush, failover) and were rebuilt from the request log.",
  },
};

/** What /metrics reads from the running gateway at each scrape. */
export interface MetricsSources {
  limits: LimitsEngine | null;
  /** The accounting queue and spool (set once the gateway is built). */
  usage?: () => UsageQueueStats & { spoolBytes: number };
  /** Each deployment's circuit breaker (set once the gateway is built). */
  upstream?: () => DeploymentHealth[];
  attemptsInFlight?: () => number;
  /** Calibration sampling (set once the gateway is built). */
  calibration?: () => CalibrationStats;
  /** Stored responses of POST /v1/responses (set once the gateway is built). */
  storedResponses?: () => StoredResponsesStats;
}

/** `switchyard_calibration_samples_total`'s result label → the gateway's counter. */
const calibrationResults = {
  graded: "graded",
  dropped_queue_full: "droppedQueueFull",
  failed: "failed",
  judge_unparseable: "judgeUnparseable",
  paused_share: "paused",
} as const;

const BREAKER_STATES: Record<DeploymentHealth["state"], number> = {
  closed: 0,
  half_open: 1,
  open: 2,
};

const usageCounters = {
  written: ["switchyard_log_rows_written_total", "Request-log rows written to the database."],
  spooled: [
    "switchyard_log_rows_spooled_total",
    "Rows put in the local spool while the database could not take them.",
  ],
  replayed: ["switchyard_log_rows_replayed_total", "Spooled rows written to the database since."],
  dropped: [
    "switchyard_log_rows_dropped_total",
    "Rows lost: the queue or the spool was full (0 while the spool has room).",
  ],
  cleaned: [
    "switchyard_log_rows_cleaned_total",
    "Rows the database refused for what they held, written again with their text cleaned.",
  ],
  failed: ["switchyard_log_rows_failed_total", "Rows the database refused even cleaned."],
} as const;

/** Latency buckets (seconds) for requests through the gateway. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export interface GatewayMetrics {
  registry: Registry;
  /** Count and time one finished request (the gateway's onRequestFinished hook). */
  observe(entry: RequestLogEntry): void;
}

/** A counter that takes the total `read` returns at every scrape. */
function scrapedCounter(registry: Registry, name: string, help: string, read: () => number) {
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      this.reset();
      this.inc(read());
    },
  });
}

/** A gauge set to what `read` returns at every scrape. */
function scrapedGauge(registry: Registry, name: string, help: string, read: () => number) {
  new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      this.set(read());
    },
  });
}

/**
 * The process's registry: per-model request counters and latency histograms, the accounting
 * queue's depth and counters, the spool's size, the limits engine's counters (read at every
 * scrape), the database clients made, and the process's own figures.
 */
export function createGatewayMetrics(sources: MetricsSources): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "switchyard_" });
  for (const [field, { name, help }] of Object.entries(limitsCounters)) {
    scrapedCounter(registry, name, help, () => {
      return sources.limits?.metrics()[field as keyof LimitsMetrics] ?? 0;
    });
  }
  for (const [field, [name, help]] of Object.entries(usageCounters)) {
    scrapedCounter(registry, name, help, () => {
      return sources.usage?.()[field as keyof typeof usageCounters] ?? 0;
    });
  }
  scrapedGauge(
    registry,
    "switchyard_log_queue_depth",
    "Request-log rows waiting in memory for the writer.",
    () => sources.usage?.().queued ?? 0,
  );
  scrapedGauge(
    registry,
    "switchyard_log_spool_bytes",
    "Bytes of request-log batches in the local spool.",
    () => sources.usage?.().spoolBytes ?? 0,
  );
  scrapedGauge(
    registry,
    "switchyard_db_clients_created",
    "Prisma clients (each with its own connection pool) this process has made; 1 when the gateway and the console share one pool.",
    prismaClientsCreated,
  );
  new Gauge({
    name: "switchyard_upstream_breaker_state",
    help: "Each deployment's circuit breaker: 0 closed, 1 half-open (one probe), 2 open (skipped).",
    labelNames: ["model", "base_url"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const health of sources.upstream?.() ?? [])
        this.labels(health.model, health.baseUrl).set(BREAKER_STATES[health.state] ?? 0);
    },
  });
  new Counter({
    name: "switchyard_upstream_breaker_skipped_total",
    help: "Attempts that skipped a deployment because its breaker was open or probing.",
    labelNames: ["model", "base_url"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const health of sources.upstream?.() ?? [])
        this.labels(health.model, health.baseUrl).inc(health.skipped);
    },
  });
  new Counter({
    name: "switchyard_calibration_samples_total",
    help: "Calibration samples by result: graded (outcome written), dropped_queue_full, failed (a call failed or was refused), judge_unparseable (judge replies that were not a grade; that grade left out), paused_share (drawn but not taken: the policy's calibration share was spent).",
    labelNames: ["result"] as const,
    registers: [registry],
    collect() {
      this.reset();
      const stats = sources.calibration?.();
      for (const [result, field] of Object.entries(calibrationResults))
        this.labels(result).inc(stats?.[field] ?? 0);
    },
  });
  new Gauge({
    name: "switchyard_upstream_attempts_in_flight",
    help: "Upstream calls started and not yet ended (a JSON answer read, a stream relayed, an error).",
    registers: [registry],
    collect() {
      this.set(sources.attemptsInFlight?.() ?? 0);
    },
  });
  new Gauge({
    name: "switchyard_calibration_queue_depth",
    help: "Calibration samples waiting for a worker.",
    registers: [registry],
    collect() {
      this.set(sources.calibration?.().queued ?? 0);
    },
  });
  new Counter({
    name: "switchyard_stored_responses_total",
    help: "Stored responses of POST /v1/responses by result: written, dropped (the write queue was full, or the store failed every retry), swept (deleted after their retention).",
    labelNames: ["result"] as const,
    registers: [registry],
    collect() {
      this.reset();
      const stats = sources.storedResponses?.();
      this.labels("written").inc(stats?.written ?? 0);
      this.labels("dropped").inc(stats?.dropped ?? 0);
      this.labels("swept").inc(stats?.swept ?? 0);
    },
  });
  new Gauge({
    name: "switchyard_stored_responses_queue_depth",
    help: "Stored responses waiting to be written.",
    registers: [registry],
    collect() {
      this.set(sources.storedResponses?.().queued ?? 0);
    },
  });
  const requests = new Counter({
    name: "switchyard_requests_total",
    help: "Requests through the gateway, by the model that served them and how they ended.",
    labelNames: ["model", "status"] as const,
    registers: [registry],
  });
  const unpriced = new Counter({
    name: "switchyard_unpriced_requests_total",
    help: "Requests served by a model without a price (cost unknown), by model.",
    labelNames: ["model"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "switchyard_request_duration_seconds",
    help: "Time from a request's arrival to its last byte, by the model that served it.",
    labelNames: ["model"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  return {
    registry,
    observe(entry) {
      const model = entry.routedModel ?? "none";
      requests.labels(model, entry.status).inc();
      if (entry.unpriced === true) unpriced.labels(model).inc();
      latency.labels(model).observe(entry.latencyMs / 1000);
    },
  };
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
