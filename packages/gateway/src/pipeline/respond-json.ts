import { completionText } from "../accounting/content-text";
import { usageOfResponse } from "../accounting/response-usage";
import { keepAnswer } from "../cache/cached-answer";
import { executeForJson, runCascade } from "./cascade-runner";
import { notesHeader, responseHeaders, scoresHeader } from "./headers";
import type { Responder } from "./responder";
import { tracked } from "./tracked-plan";
import type { GatewayResult } from "./types";

/**
 * A non-streamed request: execute the plan (a cascade through the cascade runner), pay the served
 * call, close the ledger and answer in the caller's dialect.
 */
export async function respondJson(input: Responder): Promise<GatewayResult> {
  const { ledger, context, route, request, parsed, surface, deps } = input;
  let executed: Awaited<ReturnType<typeof executeForJson>>;
  if (route.cascade === null) {
    executed = await tracked(ledger, executeForJson(context));
    ledger.pay("served", executed.target.model, usageOfResponse(executed.value, context.request));
  } else {
    const outcome = await runCascade(
      { context, cascade: route.cascade, judge: input.judge, ledger },
      executeForJson,
    );
    executed = outcome.executed;
    if (outcome.served === "strong")
      ledger.pay("served", executed.target.model, usageOfResponse(executed.value, context.request));
  }
  // The body names the model that answered, on every surface (the alias asked for is in
  // x-switchyard-requested-model).
  const response = { ...executed.value, model: executed.target.model.name };
  ledger.setCompletionText(() => completionText(response));
  const body = JSON.stringify(surface.encodeResponse(response, parsed));
  const latencyMs = performance.now() - request.receivedAt;
  const overheadMs = latencyMs - ledger.upstreamMs;
  const closed = ledger.close({
    status: "ok",
    httpStatus: 200,
    errorCode: null,
    latencyMs,
    ttftMs: null,
    overheadMs,
  });
  // A miss of the policy's cache keeps the answer (unless a budget moved it to another model).
  const entry = input.cacheEntry;
  if (entry !== undefined && executed.target.model.name === entry.model.name)
    keepAnswer(deps.responseCache, entry, executed.value, closed.costPicos);
  const headers = responseHeaders(
    request,
    executed.target.model.name,
    ledger.routeReason,
    overheadMs,
    "json",
  );
  if (deps.options.exposeScores) Object.assign(headers, scoresHeader(ledger.routeTrace));
  Object.assign(headers, notesHeader(executed.target.model, parsed.canonical), input.extraHeaders);
  return { kind: "json", status: 200, headers, body };
}
