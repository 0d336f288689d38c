import {
  type ModelInfo,
  type Picodollars,
  picosToUsdString,
  type RequestLogEntry,
  type RequestStatus,
} from "@switchyard/core";
import type { AttemptRecord } from "../execute/execute-plan";
import type { RequestTrace, TraceExtras } from "../route/request-trace";
import type { RouteDecision } from "../route/resolve-route";
import type { SurfaceName } from "../surface/surface";
import { addClasses, modelCostPicos, noClasses } from "./cost";
import type { UsageFigures } from "./response-usage";

/**
 * Why a call was paid for: the answer the client got (`served`), a cascade's cheap answer that was
 * not served (it escalated, or the client left before the end), a cascade judge's grading.
 */
export type CallRole = "served" | "cascade-cheap" | "cascade-judge";

/** One upstream call that answered (and so costs money), whatever became of its answer. */
export interface PaidCall {
  role: CallRole;
  model: ModelInfo;
  usage: UsageFigures;
}

/** How the request ended, from the responder's point of view. */
export interface RequestOutcome {
  status: RequestStatus;
  httpStatus: number;
  errorCode: string | null;
  latencyMs: number;
  ttftMs: number | null;
  overheadMs: number;
}

/** What the ledger hands over when the request is over: the log row and what to settle. */
export interface LedgerClose {
  entry: RequestLogEntry;
  /** Every paid call's cost, in exact pico-dollars: what the budgets settle. */
  costPicos: Picodollars;
  /** Every paid call's tokens: what the token rate limits count. */
  tokens: number;
}

export interface LedgerInit {
  id: string;
  clientRequestId: string | null;
  teamId: string;
  apiKeyId: string | null;
  surface: SurfaceName;
  requestedModel: string;
  streamed: boolean;
  /** The team stores prompt and completion text (content logging). */
  keepText: boolean;
  /** The request's tags (route/request-tags.ts); absent = none. */
  tags?: string[];
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/**
 * Everything one request did that is paid for or logged, in one place: its route, every attempt,
 * every paid call (served answer, a cascade's cheap call, a judge's grading) and the texts when the
 * team logs content. `close` turns it into the request-log row and the amount to settle, once.
 */
export class RequestLedger {
  readonly createdAt = new Date();
  private policyVersionId: string | null = null;
  private reason = "refused";
  private trace: RequestTrace | null = null;
  private baseline: ModelInfo | null = null;
  private servedModel: ModelInfo | null = null;
  private readonly attempts: AttemptRecord[] = [];
  /** Time spent waiting on upstreams (every attempt, and the waits between retries), in ms. */
  upstreamMs = 0;
  private readonly calls: PaidCall[] = [];
  private promptText: string | null = null;
  private completionText: string | null = null;
  /** Keep the served answer's text whatever the team logs (a calibration sample grades it). */
  private keepAnswer = false;
  private answer: string | null = null;
  private closed: LedgerClose | null = null;

  /** `onClose` receives the log row and the amount to settle, once, when the request is over. */
  constructor(
    private readonly init: LedgerInit,
    private readonly onClose: (closed: LedgerClose) => void,
  ) {}

  get id(): string {
    return this.init.id;
  }

  /** The completion text is worth collecting: the team logs content, or a calibration sample grades it. */
  get keepsText(): boolean {
    return this.init.keepText || this.keepAnswer;
  }

  /** The request is sampled for calibration: keep the served answer's text (not logged for it). */
  keepServedAnswer(): void {
    this.keepAnswer = true;
  }

  /** The served answer's text when it was kept (content logging, or a calibration sample). */
  get answerText(): string | null {
    return this.answer;
  }

  /** The paid call whose answer the client got, if any. */
  get servedCall(): PaidCall | null {
    for (const call of this.calls) if (call.role === "served") return call;
    return null;
  }

  /** The route as decided (or as a downgrade changed it). */
  route(route: RouteDecision): void {
    this.policyVersionId = route.policyVersionId;
    this.reason = route.reason;
    this.trace = route.trace;
    this.baseline = route.baselineModel;
  }

  /** The trace as it stands now (the route's, plus what became of a cascade). */
  get routeTrace(): RequestTrace {
    return this.trace ?? { steps: [] };
  }

  /** The x-switchyard-route reason as it stands now (a cascade appends its verdict). */
  get routeReason(): string {
    return this.reason;
  }

  setReason(reason: string): void {
    this.reason = reason;
  }

  /** Add to the trace (e.g. the cascade's verdict) without losing what the router said. */
  extendTrace(extra: TraceExtras): void {
    this.trace = { ...(this.trace ?? { steps: [] }), ...extra };
  }

  /** Attempts of one plan, and the time they waited on upstreams. */
  addAttempts(attempts: readonly AttemptRecord[], upstreamMs: number): void {
    for (const attempt of attempts) this.attempts.push(attempt);
    this.upstreamMs += upstreamMs;
  }

  /** A call that answered; its cost is the request's whatever is done with the answer. */
  pay(role: CallRole, model: ModelInfo, usage: UsageFigures): PaidCall {
    const call = { role, model, usage };
    this.calls.push(call);
    if (role === "served") this.servedModel = model;
    return call;
  }

  /** A paid call's answer is the one served after all (a cascade accepted its cheap answer). */
  serve(call: PaidCall): void {
    call.role = "served";
    this.servedModel = call.model;
  }

  /** The model the request was (or was being) served by when it failed. */
  attempted(model: ModelInfo | null): void {
    if (this.servedModel === null) this.servedModel = model;
  }

  get served(): ModelInfo | null {
    return this.servedModel;
  }

  setPromptText(text: () => string): void {
    if (this.init.keepText) this.promptText = text();
  }

  setCompletionText(text: string | null | (() => string)): void {
    if (!this.init.keepText && !this.keepAnswer) return;
    this.answer = typeof text === "function" ? text() : text;
    if (this.init.keepText) this.completionText = this.answer;
  }

  /**
   * The request is over: its log row and the amount to settle go to `onClose`. Only the first
   * close counts (a stream that ends and is then cancelled is one request).
   */
  close(outcome: RequestOutcome): LedgerClose {
    if (this.closed !== null) return this.closed;
    let costPicos = 0;
    let inputTokens = 0;
    let outputTokens = 0;
    let estimated = false;
    let unpriced = false;
    const classes = noClasses();
    let servedCall: PaidCall | null = null;
    for (const call of this.calls) {
      // Each call at the price in effect when the request arrived (a later price change does not
      // reprice it); a model without a price leaves the cost unknown, not $0.
      const cost = modelCostPicos(call.model, call.usage, this.createdAt);
      if (cost === null) unpriced = true;
      else costPicos += cost;
      inputTokens += call.usage.inputTokens;
      outputTokens += call.usage.outputTokens;
      addClasses(classes, call.usage);
      if (call.usage.usageEstimated) estimated = true;
      if (call.role === "served") servedCall = call;
    }
    // The baseline prices the served answer's tokens on the reference model (without one, on the
    // model that served them); nothing served, nothing to compare. With an unknown cost there is
    // no saving to claim: the baseline is the known part of the cost.
    const baselineModel = this.baseline ?? servedCall?.model ?? null;
    const baselinePicos =
      servedCall === null || baselineModel === null
        ? 0
        : unpriced
          ? costPicos
          : (modelCostPicos(baselineModel, servedCall.usage, this.createdAt) ?? costPicos);
    const served = this.servedModel;
    const entry: RequestLogEntry = {
      id: this.init.id,
      clientRequestId: this.init.clientRequestId,
      createdAt: this.createdAt,
      teamId: this.init.teamId,
      apiKeyId: this.init.apiKeyId,
      policyVersionId: this.policyVersionId,
      surface: this.init.surface,
      requestedModel: this.init.requestedModel,
      routedModel: served?.name ?? null,
      provider: served?.providerKind ?? null,
      routeReason: this.reason,
      routeTrace: this.trace,
      inputTokens,
      outputTokens,
      cachedInputTokens: classes.cachedInput,
      cacheWrite5mTokens: classes.cacheWrite5m,
      cacheWrite1hTokens: classes.cacheWrite1h,
      reasoningTokens: classes.reasoning,
      unpriced,
      costUsd: picosToUsdString(costPicos),
      baselineCostUsd: picosToUsdString(baselinePicos),
      latencyMs: round(outcome.latencyMs),
      ttftMs: outcome.ttftMs === null ? null : round(outcome.ttftMs),
      overheadMs: round(Math.max(0, outcome.overheadMs)),
      status: outcome.status,
      httpStatus: outcome.httpStatus,
      errorCode: outcome.errorCode,
      attemptCount: this.attempts.length,
      cascaded: this.calls.some((call) => call.role === "cascade-cheap"),
      streamed: this.init.streamed,
      usageEstimated: estimated,
      attempts: this.attempts.map((attempt) => ({ ...attempt, ms: round(attempt.ms) })),
      promptText: this.promptText,
      completionText: this.completionText,
      tags: this.init.tags ?? [],
    };
    this.closed = { entry, costPicos, tokens: inputTokens + outputTokens };
    this.onClose(this.closed);
    return this.closed;
  }
}
