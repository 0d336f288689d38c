import { rateLimited, SwitchyardError, timeoutError, upstreamError } from "@switchyard/core";
import { classifyUpstreamError } from "@switchyard/providers";
import { describe, expect, it } from "vitest";
import { makeModel } from "../testing/fakes";
import {
  type AttemptOutcome,
  attemptOutcome,
  CircuitBreakers,
  type Permit,
} from "./circuit-breakers";
import { addressDeniedError, ClientClosedError } from "./errors";

const model = makeModel({ name: "m", baseUrl: "https://user:pass@api.example/v1?key=secret" });
const other = makeModel({ name: "m", baseUrl: "https://eu.api.example/v1" });

function breakers(failureThreshold = 2, coolDownMs = 1_000) {
  let now = 0;
  const set = new CircuitBreakers({
    failureThreshold,
    coolDownMs,
    probeTimeoutMs: 5_000,
    now: () => now,
  });
  const advance = (ms: number) => {
    now += ms;
  };
  /** One attempt through the breaker, ending with `outcome` (it must be admitted). */
  const attempt = (outcome: AttemptOutcome, on = model) => {
    const permit = set.admit(on);
    if (permit === null) throw new Error("not admitted");
    set.report(permit, outcome);
  };
  return { set, advance, attempt };
}

const kindOf = (permit: Permit | null) => permit?.kind ?? null;

describe("CircuitBreakers", () => {
  it("opens after the threshold of failures in a row; an answer in between resets the count", () => {
    const { set, attempt } = breakers(2);
    attempt("failed");
    attempt("answered");
    attempt("failed");
    expect(kindOf(set.admit(model))).toBe("pass");
    attempt("failed");
    expect(set.admit(model)).toBeNull();
    expect(set.snapshot()).toEqual([
      {
        model: "m",
        baseUrl: "https://api.example/v1",
        state: "open",
        consecutiveFailures: 2,
        opened: 1,
        skipped: 1,
        failures: 3,
        answers: 1,
        openedAt: 0,
      },
    ]);
  });

  it("keeps one breaker per deployment: the same name at another base URL is apart", () => {
    const { set, attempt } = breakers(1);
    attempt("failed");
    expect(set.admit(model)).toBeNull();
    expect(kindOf(set.admit(other))).toBe("pass");
  });

  it("lets one probe through after the cool-down; its answer closes the breaker", () => {
    const { set, advance, attempt } = breakers(1, 1_000);
    attempt("failed");
    advance(999);
    expect(set.admit(model)).toBeNull();
    expect(set.retryAfterSeconds(model)).toBe(1);
    advance(1);
    const probe = set.admit(model);
    expect(kindOf(probe)).toBe("probe");
    expect(set.admit(model)).toBeNull();
    expect(set.snapshot()[0]?.state).toBe("half_open");
    if (probe) set.report(probe, "answered");
    expect(set.snapshot()[0]).toMatchObject({ state: "closed", consecutiveFailures: 0 });
    expect(kindOf(set.admit(model))).toBe("pass");
  });

  it("opens again when the probe fails, for a whole new cool-down", () => {
    const { set, advance, attempt } = breakers(1, 1_000);
    attempt("failed");
    advance(1_000);
    const probe = set.admit(model);
    expect(kindOf(probe)).toBe("probe");
    advance(300);
    if (probe) set.report(probe, "failed");
    expect(set.snapshot()[0]).toMatchObject({ state: "open", opened: 2, openedAt: 1_300 });
    advance(999);
    expect(set.admit(model)).toBeNull();
    advance(1);
    expect(kindOf(set.admit(model))).toBe("probe");
  });

  it("hands the probe to the next attempt when it told nothing, or never reported", () => {
    const { set, advance, attempt } = breakers(1, 1_000);
    attempt("failed");
    advance(1_000);
    const probe = set.admit(model);
    expect(kindOf(probe)).toBe("probe");
    if (probe) set.report(probe, "neutral");
    expect(kindOf(set.admit(model))).toBe("probe");
    advance(4_999);
    expect(set.admit(model)).toBeNull();
    advance(1);
    expect(kindOf(set.admit(model))).toBe("probe");
  });

  it("is not closed by a late answer to an attempt admitted before it opened", () => {
    const { set, attempt } = breakers(1);
    const early = set.admit(model);
    attempt("failed");
    if (early) set.report(early, "answered");
    expect(set.admit(model)).toBeNull();
  });

  it("says how long until the cool-down ends, in whole seconds", () => {
    const { set, advance, attempt } = breakers(1, 30_000);
    attempt("failed");
    advance(10_500);
    expect(set.retryAfterSeconds(model)).toBe(20);
  });

  it("lets everything through when the threshold is 0", () => {
    const { set, attempt } = breakers(0);
    for (let i = 0; i < 10; i += 1) attempt("failed");
    expect(kindOf(set.admit(model))).toBe("pass");
    expect(set.snapshot()).toEqual([]);
  });
});

describe("attemptOutcome", () => {
  const upstream = (status: number) => classifyUpstreamError("P", status, {}, { message: "x" });

  it("counts 5xx, timeouts and connection errors as failures", () => {
    expect(attemptOutcome(upstream(500))).toBe("failed");
    expect(attemptOutcome(upstream(503))).toBe("failed");
    expect(attemptOutcome(upstream(408))).toBe("failed");
    expect(attemptOutcome(timeoutError("slow"))).toBe("failed");
    expect(attemptOutcome(upstreamError("ECONNREFUSED", { retryable: true }))).toBe("failed");
  });

  it("takes an upstream's 4xx or 429 as an answer: it is up", () => {
    expect(attemptOutcome(upstream(400))).toBe("answered");
    expect(attemptOutcome(upstream(401))).toBe("answered");
    expect(attemptOutcome(upstream(429))).toBe("answered");
  });

  it("learns nothing from the client leaving, a refused address or the gateway's own refusals", () => {
    expect(attemptOutcome(new ClientClosedError())).toBe("neutral");
    expect(attemptOutcome(addressDeniedError("m"))).toBe("neutral");
    expect(attemptOutcome(rateLimited("budget", 3))).toBe("neutral");
    expect(
      attemptOutcome(
        new SwitchyardError("bad json", { status: 502, code: "x", type: "api_error" }),
      ),
    ).toBe("neutral");
  });
});
