import { type ChatCompletionRequest, type ProviderKind, SwitchyardError } from "@switchyard/core";
import type { ProviderAdapter, UpstreamRequest } from "@switchyard/providers";
import type { Logger } from "pino";
import type { GatewayOptions } from "../options";
import type { RouteAttempt } from "../route/resolve-route";
import { endAttemptSpan, type RequestSpan, startAttemptSpan } from "../tracing/spans";
import type { AbortSource } from "./abort-source";
import { backoffDelayMs, sleep } from "./backoff";
import { type AttemptOutcome, attemptOutcome } from "./circuit-breakers";
import type { Deadlines } from "./deadlines";
import {
  ADDRESS_DENIED_CODE,
  ClientClosedError,
  classifyUpstreamFailure,
  unavailableError,
} from "./errors";
import { readErrorText, sendUpstream, type UpstreamCall } from "./send-upstream";
import type { UpstreamPools } from "./upstream-pools";
import { logUpstreamReport } from "./upstream-report-log";

export type ProviderLookup = (kind: ProviderKind) => ProviderAdapter;

/** One try against one model, for the log's attempts column. */
export interface AttemptRecord {
  model: string;
  provider: ProviderKind;
  reason: string;
  status: number | null;
  error: string | null;
  ms: number;
}

export interface ExecuteContext {
  plan: RouteAttempt[];
  request: ChatCompletionRequest;
  stream: boolean;
  signal: AbortSource;
  deadlines: Deadlines;
  providers: ProviderLookup;
  pools: UpstreamPools;
  options: GatewayOptions;
  logger: Logger;
  /**
   * Called before each attempt (`index` counts attempts of this plan): budgets reserve more for a
   * retry, fallback or escalation here. A thrown SwitchyardError ends the plan with that error.
   */
  beforeAttempt?: (target: RouteAttempt, index: number) => Promise<void> | undefined;
  /**
   * The upstream request for a target, when it is not the chat completion of `request` (e.g. an
   * embeddings call); the plan's retries, fallbacks, breakers and deadlines apply alike.
   */
  build?: (adapter: ProviderAdapter, target: RouteAttempt) => UpstreamRequest;
  /** The request's span (tracing on): each attempt is a child span of it. */
  span?: RequestSpan | null | undefined;
  /** The GenAI operation attempts are (default "chat"). */
  operation?: "chat" | "embeddings" | undefined;
  /** The caller's headers, for the ones a provider forwards (e.g. anthropic-beta). */
  clientHeaders?: Readonly<Record<string, string | string[] | undefined>> | undefined;
}

export interface Executed<T> {
  value: T;
  target: RouteAttempt;
  adapter: ProviderAdapter;
  attempts: AttemptRecord[];
  /** Time spent waiting on upstreams and between retries (every attempt), in ms. */
  upstreamMs: number;
}

/** Why a request's own signal ended it: shutdown says so (503), anything else is the client leaving. */
const endedBy = (signal: AbortSource): SwitchyardError | ClientClosedError =>
  signal.reason instanceof SwitchyardError ? signal.reason : new ClientClosedError();

/** Thrown when every attempt failed: carries the last error and the attempts for accounting. */
export class PlanFailedError extends Error {
  constructor(
    readonly error: SwitchyardError | ClientClosedError,
    readonly attempts: AttemptRecord[],
    readonly upstreamMs: number,
    readonly lastTarget: RouteAttempt | undefined,
  ) {
    super(error.message);
    this.name = "PlanFailedError";
  }
}

/**
 * Run the plan: each target in order, each retried on retryable errors with backoff (honouring
 * retry-after, capped); a non-retryable error (e.g. the upstream rejected the request) stops at
 * once. A target whose circuit breaker is open is skipped (the next one is tried at once); when
 * every target was skipped the plan fails fast with a 503. `consume` turns a 2xx upstream call
 * into the result (JSON: read and parse the body; stream: hand the live call over). Failures inside
 * `consume` count as attempt failures, so failover happens only before anything reaches the client.
 */
export async function executePlan<T>(
  context: ExecuteContext,
  consume: (call: UpstreamCall, adapter: ProviderAdapter, target: RouteAttempt) => Promise<T>,
): Promise<Executed<T>> {
  const { options, signal } = context;
  const breakers = context.pools.breakers;
  const attempts: AttemptRecord[] = [];
  let upstreamMs = 0;
  let lastError: SwitchyardError | ClientClosedError | undefined;
  let lastTarget: RouteAttempt | undefined;
  for (const target of context.plan) {
    lastTarget = target;
    const adapter = context.providers(target.model.providerKind);
    const upstream =
      context.build?.(adapter, target) ??
      adapter.buildRequest(target.model, context.request, {
        stream: context.stream,
        clientHeaders: context.clientHeaders,
      });
    for (let retry = 0; retry <= options.maxRetries; retry += 1) {
      // An open breaker: skip this deployment (and its remaining retries) for the next target.
      const permit = breakers.admit(target.model);
      if (permit === null) break;
      let outcome: AttemptOutcome = "neutral";
      let record: AttemptRecord;
      let failure: SwitchyardError | ClientClosedError;
      try {
        if (context.beforeAttempt !== undefined) {
          try {
            // Nothing to wait for (an attempt the admission covers): no turn of the microtask queue.
            const pending = context.beforeAttempt(target, attempts.length);
            if (pending !== undefined) await pending;
          } catch (error) {
            throw new PlanFailedError(
              classifyUpstreamFailure(error, target.model.name),
              attempts,
              upstreamMs,
              target,
            );
          }
        }
        const started = performance.now();
        record = {
          model: target.model.name,
          provider: target.model.providerKind,
          reason: retry === 0 ? target.reason : `${target.reason}-retry`,
          status: null,
          error: null,
          ms: 0,
        };
        attempts.push(record);
        const span = startAttemptSpan(context.span, target.model, context.operation ?? "chat");
        const result = await attemptOnce(context, upstream, adapter, target, record, consume);
        record.ms = performance.now() - started;
        upstreamMs += record.ms;
        if (result.ok) {
          endAttemptSpan(span, record.status, null);
          outcome = "answered";
          return { value: result.value, target, adapter, attempts, upstreamMs };
        }
        failure = result.failure;
        endAttemptSpan(
          span,
          record.status,
          failure instanceof ClientClosedError ? "client_closed" : failure.code,
        );
        outcome = attemptOutcome(failure);
      } finally {
        breakers.report(permit, outcome);
      }
      record.error = failure instanceof ClientClosedError ? "client_closed" : failure.code;
      lastError = failure;
      // The request itself was ended (client gone, or shutdown): no retry, no fallback.
      if (failure instanceof ClientClosedError || signal.aborted)
        throw new PlanFailedError(failure, attempts, upstreamMs, target);
      if (failure.code === ADDRESS_DENIED_CODE) {
        // A deployment the instance may not call: no retry; the plan's next target may do.
        context.logger.warn(
          { model: target.model.name, reason: (failure.cause as Error | undefined)?.message },
          "upstream address refused",
        );
        break;
      }
      if (!failure.retryable) throw new PlanFailedError(failure, attempts, upstreamMs, target);
      context.logger.warn(
        { model: target.model.name, code: failure.code, status: record.status, retry },
        "upstream attempt failed",
      );
      if (retry === options.maxRetries) break;
      const wait = backoffDelayMs(retry, {
        baseMs: options.retryBaseMs,
        maxMs: options.retryMaxWaitMs,
        retryAfterSeconds: failure.retryAfterSeconds,
      });
      const sleepStarted = performance.now();
      try {
        await sleep(wait, signal);
        upstreamMs += performance.now() - sleepStarted;
      } catch {
        throw new PlanFailedError(endedBy(signal), attempts, upstreamMs, target);
      }
    }
  }
  if (lastError !== undefined) {
    throw new PlanFailedError(lastError, attempts, upstreamMs, lastTarget);
  }
  const first = context.plan[0];
  if (first === undefined) throw new Error("empty route plan");
  // Every target was skipped by its open breaker: fail fast, saying when to come back.
  const retryAfter = Math.min(...context.plan.map((t) => breakers.retryAfterSeconds(t.model)));
  throw new PlanFailedError(
    unavailableError(first.model.name, context.plan.length - 1, retryAfter),
    attempts,
    upstreamMs,
    first,
  );
}

type AttemptResult<T> =
  | { ok: true; value: T }
  | { ok: false; failure: SwitchyardError | ClientClosedError };

/** One upstream call: send, turn an error status into a typed error, or consume the answer. */
async function attemptOnce<T>(
  context: ExecuteContext,
  upstream: UpstreamRequest,
  adapter: ProviderAdapter,
  target: RouteAttempt,
  record: AttemptRecord,
  consume: (call: UpstreamCall, adapter: ProviderAdapter, target: RouteAttempt) => Promise<T>,
): Promise<AttemptResult<T>> {
  try {
    const call = await sendUpstream(
      context.pools,
      context.deadlines,
      upstream,
      context.signal,
      context.options,
    );
    record.status = call.response.statusCode;
    if (call.response.statusCode >= 400) {
      const text = await readErrorText(call.response.body);
      call.release();
      const headers = call.response.headers as Record<string, string | string[] | undefined>;
      throw adapter.parseError(call.response.statusCode, headers, text);
    }
    try {
      const value = await consume(call, adapter, target);
      // A consumed answer ends the attempt here; a consumer that returns the live call itself
      // (a stream) hands it to its reader, which releases it when the body ends.
      if (value !== call) call.release();
      return { ok: true, value };
    } catch (error) {
      call.release();
      call.response.body.destroy();
      throw call.signal.aborted ? call.signal.reason : error;
    }
  } catch (error) {
    const failure = classifyUpstreamFailure(error, target.model.name);
    logUpstreamReport(context.logger, failure, target.model, upstream);
    return { ok: false, failure };
  }
}
