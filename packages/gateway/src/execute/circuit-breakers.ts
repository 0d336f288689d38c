import type { ModelInfo, SwitchyardError } from "@switchyard/core";
import { upstreamErrorReport } from "@switchyard/providers";
import type { Logger } from "pino";
import { ADDRESS_DENIED_CODE, ClientClosedError } from "./errors";

export type BreakerState = "closed" | "open" | "half_open";

/** One deployment's breaker, as metrics see it. */
export interface DeploymentHealth {
  /** The gateway's model name. */
  model: string;
  /** Its base URL (origin and path; no credentials or query). */
  baseUrl: string;
  state: BreakerState;
  /** Failures in a row now (reset by any answer). */
  consecutiveFailures: number;
  /** Times the breaker opened (a failed probe opens it again). */
  opened: number;
  /** Attempts that skipped the deployment because the breaker was open or probing. */
  skipped: number;
  /** Attempts that counted as failures (5xx, timeouts, connection errors), ever. */
  failures: number;
  /** Attempts the deployment answered, ever. */
  answers: number;
  /** When it last opened (ms since the epoch), or null. */
  openedAt: number | null;
}

/**
 * An admitted attempt: an ordinary one ("pass") or the half-open probe, with its breaker (null
 * when breakers are off). Made once per breaker, so admitting allocates nothing.
 */
export interface Permit {
  readonly kind: "pass" | "probe";
  readonly breaker: Breaker | null;
}

/** How an attempt ended, for its deployment's health. */
export type AttemptOutcome =
  /** The upstream answered (2xx, or a 4xx/429: it is up, the request or the key is the issue). */
  | "answered"
  /** 5xx, a timeout, a connection failure: counts towards opening. */
  | "failed"
  /** Says nothing about the upstream (the client left, a budget refused, the address is refused). */
  | "neutral";

/**
 * What a failed attempt says about its deployment. Failures: what another try may fix, 5xx,
 * timeouts, connection errors. Not failures: the upstream refusing the request (4xx), and 429:
 * rate limits are per key (one team's spent quota must not cut every team off the deployment)
 * and come back fast with their own retry-after.
 */
export function attemptOutcome(failure: SwitchyardError | ClientClosedError): AttemptOutcome {
  if (failure instanceof ClientClosedError || failure.code === ADDRESS_DENIED_CODE) {
    return "neutral";
  }
  if (failure.retryable && failure.status !== 429) return "failed";
  return upstreamErrorReport(failure)?.status == null ? "neutral" : "answered";
}

export interface BreakerOptions {
  /** Failures in a row that open a breaker; 0 turns breakers off. */
  failureThreshold: number;
  /** How long an open breaker skips its deployment before letting one probe through. */
  coolDownMs: number;
  /** A probe not reported after this long frees its slot (a safety net; probes end by deadlines). */
  probeTimeoutMs: number;
  now?: () => number;
}

class Breaker {
  state: BreakerState = "closed";
  consecutiveFailures = 0;
  openedAt: number | null = null;
  /** When the probe in flight started (half-open), or null. */
  probeStartedAt: number | null = null;
  opened = 0;
  skipped = 0;
  failures = 0;
  answers = 0;
  readonly pass: Permit = { kind: "pass", breaker: this };
  readonly probe: Permit = { kind: "probe", breaker: this };

  constructor(
    readonly model: string,
    readonly baseUrl: string,
  ) {}
}

const unguarded: Permit = { kind: "pass", breaker: null };

/** A base URL without user info, query or fragment (it is shown on /metrics and in logs). */
function displayUrl(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.origin}${url.pathname === "/" ? "" : url.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}

/**
 * A circuit breaker per deployment (model name + base URL). Closed: attempts go ahead; enough
 * failures in a row open it. Open: attempts skip the deployment at once (the plan's next target,
 * or a fast 503) until the cool-down has passed; then one attempt goes ahead as the probe
 * (half-open) while the others keep skipping; its answer closes the breaker, its failure opens it
 * again. A Map lookup per attempt; no timers (time is read when an attempt asks).
 */
export class CircuitBreakers {
  private readonly breakers = new Map<string, Breaker>();
  private readonly now: () => number;

  constructor(
    private readonly options: BreakerOptions,
    private readonly logger?: Logger,
  ) {
    this.now = options.now ?? Date.now;
  }

  get enabled(): boolean {
    return this.options.failureThreshold > 0;
  }

  private breakerFor(model: ModelInfo): Breaker {
    const key = `${model.name}\n${model.baseUrl}`;
    let breaker = this.breakers.get(key);
    if (breaker === undefined) {
      breaker = new Breaker(model.name, displayUrl(model.baseUrl));
      this.breakers.set(key, breaker);
    }
    return breaker;
  }

  /** May an attempt go to `model`'s deployment now? null: skip it. */
  admit(model: ModelInfo): Permit | null {
    if (!this.enabled) return unguarded;
    const breaker = this.breakerFor(model);
    if (breaker.state === "closed") return breaker.pass;
    const now = this.now();
    if (breaker.state === "open" && now - (breaker.openedAt ?? now) >= this.options.coolDownMs) {
      breaker.state = "half_open";
      breaker.probeStartedAt = null;
    }
    if (breaker.state === "half_open") {
      const probing =
        breaker.probeStartedAt !== null &&
        now - breaker.probeStartedAt < this.options.probeTimeoutMs;
      if (!probing) {
        breaker.probeStartedAt = now;
        return breaker.probe;
      }
    }
    breaker.skipped += 1;
    return null;
  }

  /** Report how an admitted attempt ended. */
  report(permit: Permit, outcome: AttemptOutcome): void {
    const breaker = permit.breaker;
    if (breaker === null) return;
    const probe = permit.kind === "probe";
    if (outcome === "answered") {
      breaker.answers += 1;
      // An attempt admitted before the breaker opened does not close it: only the probe does.
      if (breaker.state === "closed") breaker.consecutiveFailures = 0;
      else if (probe) this.close(breaker);
    } else if (outcome === "failed") {
      breaker.failures += 1;
      if (probe) this.open(breaker);
      else if (breaker.state === "closed") {
        breaker.consecutiveFailures += 1;
        if (breaker.consecutiveFailures >= this.options.failureThreshold) this.open(breaker);
      }
    } else if (probe && breaker.state === "half_open") {
      // The probe told nothing: the next attempt probes instead.
      breaker.probeStartedAt = null;
    }
  }

  /** Seconds until `model`'s deployment may be tried again (0 when it may now). */
  retryAfterSeconds(model: ModelInfo): number {
    const breaker = this.breakerFor(model);
    if (breaker.state !== "open" || breaker.openedAt === null) return 1;
    const left = breaker.openedAt + this.options.coolDownMs - this.now();
    return Math.max(1, Math.ceil(left / 1000));
  }

  /** Every deployment's breaker, for metrics. */
  snapshot(): DeploymentHealth[] {
    return [...this.breakers.values()].map((breaker) => ({
      model: breaker.model,
      baseUrl: breaker.baseUrl,
      state: breaker.state,
      consecutiveFailures: breaker.consecutiveFailures,
      opened: breaker.opened,
      skipped: breaker.skipped,
      failures: breaker.failures,
      answers: breaker.answers,
      openedAt: breaker.openedAt,
    }));
  }

  private open(breaker: Breaker): void {
    const reopened = breaker.state === "half_open";
    breaker.state = "open";
    breaker.openedAt = this.now();
    breaker.probeStartedAt = null;
    breaker.opened += 1;
    this.logger?.warn(
      {
        model: breaker.model,
        baseUrl: breaker.baseUrl,
        consecutiveFailures: breaker.consecutiveFailures,
        coolDownMs: this.options.coolDownMs,
      },
      reopened ? "upstream circuit opened again (probe failed)" : "upstream circuit opened",
    );
  }

  private close(breaker: Breaker): void {
    breaker.state = "closed";
    breaker.consecutiveFailures = 0;
    breaker.probeStartedAt = null;
    this.logger?.info(
      { model: breaker.model, baseUrl: breaker.baseUrl },
      "upstream circuit closed",
    );
  }
}
