import type { ChatCompletionResponse } from "@switchyard/core";
import { estimateRequestTokens } from "@switchyard/providers";
import { completionText } from "../accounting/content-text";
import type { UsageFigures } from "../accounting/response-usage";
import { keepAnswer } from "../cache/cached-answer";
import { type Executed, executePlan } from "../execute/execute-plan";
import type { UpstreamCall } from "../execute/send-upstream";
import { AnswerCollector } from "../stream/answer-collector";
import { replayAnswer } from "../stream/replay-stream";
import { StreamRelay } from "../stream/stream-relay";
import { runCascade } from "./cascade-runner";
import { notesHeader, responseHeaders } from "./headers";
import type { Responder } from "./responder";
import { tracked } from "./tracked-plan";
import type { GatewayResult } from "./types";

const liveCall = (context: Responder["context"]) => executePlan(context, async (call) => call);

/**
 * A streamed request. A direct route relays the upstream stream live. A cascade runs through the
 * cascade runner (the cheap answer is scored whole before anything is sent): a served cheap answer
 * is replayed as a stream, an escalation streams the strong model live.
 */
export async function respondStream(input: Responder): Promise<GatewayResult> {
  const { route, context, ledger } = input;
  if (route.cascade === null) return relay(input, await tracked(ledger, liveCall(context)));
  const outcome = await runCascade(
    { context, cascade: route.cascade, judge: input.judge, ledger },
    liveCall,
  );
  return outcome.served === "strong"
    ? relay(input, outcome.executed)
    : replay(input, outcome.executed, outcome.usage);
}

function relay(input: Responder, executed: Executed<UpstreamCall>): GatewayResult {
  const { ledger, request, parsed, deps } = input;
  const model = executed.target.model;
  ledger.attempted(model);
  const headerOverheadMs = performance.now() - request.receivedAt - ledger.upstreamMs;
  // A miss of the policy's cache keeps the whole answer once the stream has completed (unless a
  // budget moved it to another model); a cut or abandoned stream keeps nothing.
  const entry = input.cacheEntry;
  const collector =
    entry !== undefined && model.name === entry.model.name ? new AnswerCollector() : undefined;
  const stream = new StreamRelay({
    call: executed.value,
    model,
    translator: executed.adapter.createStreamTranslator(model, parsed.canonical),
    decoder: deps.createSseDecoder(),
    encoder: input.surface.createStreamEncoder(parsed, model.name),
    collectText: ledger.keepsText,
    collector,
    onFinish: (result) => {
      ledger.pay(
        "served",
        model,
        result.usage === null
          ? {
              inputTokens: estimateRequestTokens(parsed.canonical),
              outputTokens: result.estimatedOutputTokens,
              usageEstimated: true,
            }
          : { ...result.usage, usageEstimated: false },
      );
      ledger.setCompletionText(result.text);
      const closed = ledger.close({
        status: result.status,
        httpStatus: 200,
        errorCode: result.errorCode,
        latencyMs: performance.now() - request.receivedAt,
        ttftMs: result.firstChunkAt === null ? null : result.firstChunkAt - request.receivedAt,
        overheadMs: headerOverheadMs + result.processingMs,
      });
      if (entry === undefined || collector === undefined || result.status !== "ok") return;
      const answer = collector.response(result.usage);
      if (answer !== null) keepAnswer(deps.responseCache, entry, answer, closed.costPicos);
    },
  });
  return {
    kind: "stream",
    status: 200,
    headers: {
      ...responseHeaders(request, model.name, ledger.routeReason, headerOverheadMs, "sse"),
      ...notesHeader(model, parsed.canonical),
      ...input.extraHeaders,
    },
    stream,
  };
}

function replay(
  input: Responder,
  executed: Executed<ChatCompletionResponse>,
  usage: UsageFigures,
): GatewayResult {
  const { ledger, request, parsed, deps } = input;
  ledger.setCompletionText(() => completionText(executed.value));
  const stream = replayAnswer(
    input.surface.createStreamEncoder(parsed, executed.target.model.name),
    executed.value,
    usage.usageEstimated ? null : usage,
  );
  const latencyMs = performance.now() - request.receivedAt;
  const overheadMs = latencyMs - ledger.upstreamMs;
  const closed = ledger.close({
    status: "ok",
    httpStatus: 200,
    errorCode: null,
    latencyMs,
    ttftMs: latencyMs,
    overheadMs,
  });
  // A cascade's accepted answer is whole already: kept as the JSON path keeps it.
  const entry = input.cacheEntry;
  if (entry !== undefined && executed.target.model.name === entry.model.name)
    keepAnswer(deps.responseCache, entry, executed.value, closed.costPicos);
  const model = executed.target.model.name;
  return {
    kind: "stream",
    status: 200,
    headers: {
      ...responseHeaders(request, model, ledger.routeReason, overheadMs, "sse"),
      ...notesHeader(executed.target.model, parsed.canonical),
      ...input.extraHeaders,
    },
    stream,
  };
}
