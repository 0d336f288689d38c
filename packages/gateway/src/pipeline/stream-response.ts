import type { ChatCompletionResponse } from "@switchyard/core";
import { estimateRequestTokens } from "@switchyard/providers";
import { completionText } from "../accounting/content-text";
import type { RequestOutcome, RequestRecord } from "../accounting/request-record";
import type { UsageFigures } from "../accounting/response-usage";
import { ClientClosedError } from "../execute/errors";
import {
  type AttemptRecord,
  type ExecuteContext,
  type Executed,
  executePlan,
  PlanFailedError,
} from "../execute/execute-plan";
import type { UpstreamCall } from "../execute/send-upstream";
import type { RouteDecision } from "../route/resolve-route";
import { ReplayStream, responseToChunks } from "../stream/replay-stream";
import { StreamRelay } from "../stream/stream-relay";
import type { ParsedRequest, Surface } from "../surface/surface";
import { runCheap } from "./execute-json";
import { responseHeaders } from "./headers";
import type { CascadeJudge } from "./judge";
import type { PipelineDeps } from "./pipeline-deps";
import type { GatewayRequest, GatewayResult } from "./types";

export interface StreamInput {
  deps: PipelineDeps;
  surface: Surface;
  request: GatewayRequest;
  parsed: ParsedRequest;
  route: RouteDecision;
  record: RequestRecord;
  context: ExecuteContext;
  collectText: boolean;
  /** Added to the response headers (rate-limit state). */
  extraHeaders: Record<string, string>;
  /** The cascade's LLM judge, when the policy names one. */
  judge: CascadeJudge | null;
  finish(outcome: RequestOutcome): void;
}

/** Earlier attempts (a cascade's cheap call) carried into the log. */
interface Prior {
  attempts: AttemptRecord[];
  upstreamMs: number;
}

/**
 * A streamed request. Direct routes relay the upstream stream live. A cascade first gets the cheap
 * answer whole (it must be scored, by the judge or the local scorer, before anything is sent):
 * accepted, it is replayed as a stream;
 * escalated, the strong model is streamed live (both calls paid); if the strong plan fails, the cheap
 * answer is replayed after all.
 */
export async function streamResponse(input: StreamInput): Promise<GatewayResult> {
  const { route, context, record } = input;
  if (route.cascade === null) {
    const executed = await executePlan(context, async (call) => call);
    return relay(input, executed, route.reason, { attempts: [], upstreamMs: 0 });
  }
  const cheap = await runCheap(context, route.cascade, input.judge, route.reason);
  const { first, usage, verdict, reason } = cheap;
  record.routeTrace = { ...(route.trace as object), cascadeResult: verdict };
  const prior = { attempts: cheap.attempts, upstreamMs: cheap.upstreamMs };
  if (!verdict.escalated) return replay(input, first, usage, `${reason};accepted`, prior);
  let strong: Executed<UpstreamCall>;
  try {
    strong = await executePlan(
      { ...context, plan: route.cascade.strongPlan },
      async (call) => call,
    );
  } catch (error) {
    if (!(error instanceof PlanFailedError)) throw error;
    const attempts = [...prior.attempts, ...error.attempts];
    if (error.error instanceof ClientClosedError) {
      const closed = new PlanFailedError(
        error.error,
        attempts,
        prior.upstreamMs + error.upstreamMs,
        error.lastTarget,
      );
      closed.paidCheapCall = { model: first.target.model, usage };
      throw closed;
    }
    return replay(input, first, usage, `${reason};escalation-failed`, {
      attempts,
      upstreamMs: prior.upstreamMs + error.upstreamMs,
    });
  }
  record.cheapCall = { model: first.target.model, usage };
  return relay(input, strong, `${reason};escalated`, prior);
}

function relay(
  input: StreamInput,
  executed: Executed<UpstreamCall>,
  reason: string,
  prior: Prior,
): GatewayResult {
  const { record, request, parsed, deps } = input;
  const model = executed.target.model;
  record.servedModel = model;
  record.attempts = [...prior.attempts, ...executed.attempts];
  record.routeReason = reason;
  const upstreamMs = prior.upstreamMs + executed.upstreamMs;
  const headerOverheadMs = performance.now() - request.receivedAt - upstreamMs;
  const stream = new StreamRelay({
    call: executed.value,
    model,
    translator: executed.adapter.createStreamTranslator(model, parsed.canonical),
    decoder: deps.createSseDecoder(),
    encoder: input.surface.createStreamEncoder(parsed),
    collectText: input.collectText,
    onFinish: (result) => {
      record.completionText = result.text;
      input.finish({
        status: result.status,
        httpStatus: 200,
        errorCode: result.errorCode,
        inputTokens: result.usage?.inputTokens ?? estimateRequestTokens(parsed.canonical),
        outputTokens: result.usage?.outputTokens ?? result.estimatedOutputTokens,
        usageEstimated: result.usage === null,
        latencyMs: performance.now() - request.receivedAt,
        ttftMs: result.firstChunkAt === null ? null : result.firstChunkAt - request.receivedAt,
        overheadMs: headerOverheadMs + result.processingMs,
      });
    },
  });
  return {
    kind: "stream",
    status: 200,
    headers: {
      ...responseHeaders(request.requestId, model.name, reason, headerOverheadMs, "sse"),
      ...input.extraHeaders,
    },
    stream,
  };
}

function replay(
  input: StreamInput,
  executed: Executed<ChatCompletionResponse>,
  usage: UsageFigures,
  reason: string,
  prior: Prior,
): GatewayResult {
  const { record, request, parsed } = input;
  record.servedModel = executed.target.model;
  record.attempts = prior.attempts;
  record.routeReason = reason;
  if (input.collectText) record.completionText = completionText(executed.value);
  const encoder = input.surface.createStreamEncoder(parsed);
  let frames = "";
  for (const chunk of responseToChunks(executed.value)) frames += encoder.chunk(chunk);
  frames += encoder.end(usage.usageEstimated ? null : usage);
  const latencyMs = performance.now() - request.receivedAt;
  const overheadMs = latencyMs - prior.upstreamMs;
  input.finish({
    ...usage,
    status: "ok",
    httpStatus: 200,
    errorCode: null,
    latencyMs,
    ttftMs: latencyMs,
    overheadMs,
  });
  return {
    kind: "stream",
    status: 200,
    headers: {
      ...responseHeaders(request.requestId, executed.target.model.name, reason, overheadMs, "sse"),
      ...input.extraHeaders,
    },
    stream: new ReplayStream(frames),
  };
}
