/**
 * The operations endpoints every gateway process serves beside the API: GET /metrics (Prometheus),
 * /health (liveness) and /ready (readiness: database, Redis, the log writer, the spool; 503 while
 * draining). The console server mounts them in its dispatcher, the standalone gateway as routes.
 */
import type { NodeHandler } from "@switchyard/gateway";
import type { RunningGateway } from "../build-gateway";
import {
  createGatewayMetrics,
  type GatewayMetrics,
  type MetricsSources,
  metricsHandler,
} from "./metrics";
import { createProbes, type Probes, type ReadyCheck } from "./probes";

export interface Ops {
  metrics: GatewayMetrics;
  probes: Probes;
  /** Exact paths → handlers: /metrics, /health, /ready. */
  routes: Record<string, NodeHandler>;
  /** Connect the built gateway: its engine and queue feed /metrics, and its checks /ready. */
  attach(running: RunningGateway, checks: Record<string, ReadyCheck>): void;
}

export interface OpsOptions {
  /** Bearer token /metrics requires; unset = open. */
  metricsToken?: string | undefined;
  /** The accounting queue's bound, so /ready can say when it nears it. */
  queueMax: number;
  /** The spool's bound (0: no spool). */
  spoolMaxBytes: number;
}

export function createOps(options: OpsOptions): Ops {
  const sources: MetricsSources = { limits: null };
  const metrics = createGatewayMetrics(sources);
  let checks: Record<string, ReadyCheck> = {};
  const probes = createProbes(() => checks);
  return {
    metrics,
    probes,
    routes: {
      "/metrics": metricsHandler(metrics.registry, options.metricsToken),
      "/health": probes.health,
      "/ready": probes.ready,
    },
    attach(running, extra) {
      sources.limits = running.limits;
      sources.usage = () => running.gateway.usageStats();
      sources.upstream = () => running.gateway.upstreamHealth();
      sources.attemptsInFlight = () => running.gateway.upstreamAttemptsInFlight();
      sources.calibration = () => running.gateway.calibrationStats();
      sources.storedResponses = () => running.gateway.storedResponsesStats();
      checks = { ...extra, ...gatewayChecks(running, options) };
    },
  };
}

/** The checks every gateway has: Redis (when its engine keeps counters there) and the log writer. */
function gatewayChecks(running: RunningGateway, options: OpsOptions): Record<string, ReadyCheck> {
  const checks: Record<string, ReadyCheck> = {
    writer: () => {
      const { queued } = running.gateway.usageStats();
      if (queued > options.queueMax * 0.9)
        throw new Error(`the request-log queue is nearly full (${queued} rows)`);
    },
  };
  if (options.spoolMaxBytes > 0) {
    checks.spool = () => {
      const { spoolBytes } = running.gateway.usageStats();
      if (spoolBytes > options.spoolMaxBytes * 0.9)
        throw new Error(`the spool is nearly full (${spoolBytes} bytes)`);
    };
  }
  const ping = running.limits?.ping?.bind(running.limits);
  if (ping !== undefined) checks.redis = ping;
  return checks;
}
