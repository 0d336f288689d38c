/**
 * OpenTelemetry spans for the requests the gateway serves, with the GenAI semantic conventions:
 * one span per request (`chat <model>` / `embeddings <model>`, kind SERVER) and one per upstream
 * attempt (kind CLIENT, its child). Off until the process turns it on (`enableTracing`, done by
 * @switchyard/server when OTEL_EXPORTER_OTLP_ENDPOINT is set): then a null check is all a request
 * pays.
 */
import {
  type Context,
  context as otelContext,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from "@opentelemetry/api";
import type { ModelInfo, RequestLogEntry } from "@switchyard/core";

let tracer: Tracer | null = null;

/** Whether spans are made: callers skip building what a span would carry when not. */
export const tracingOn = (): boolean => tracer !== null;

/** Start making spans with `next` (null stops). Process-wide, like OpenTelemetry's own provider. */
export function enableTracing(next: Tracer | null): void {
  tracer = next;
}

export interface RequestSpan {
  span: Span;
  context: Context;
}

/**
 * The request's span, started when the request arrived; null while tracing is off (the
 * attributes are asked for only when it is on: nothing is built for a request otherwise).
 */
export function startRequestSpan(
  operation: "chat" | "embeddings",
  requestedModel: string,
  receivedAt: number,
  attributes: () => Record<string, string | number | boolean | undefined>,
): RequestSpan | null {
  if (tracer === null) return null;
  const startTime = Date.now() - (performance.now() - receivedAt);
  const span = tracer.startSpan(`${operation} ${requestedModel}`, {
    kind: SpanKind.SERVER,
    startTime,
    attributes: {
      "gen_ai.operation.name": operation,
      "gen_ai.request.model": requestedModel,
      ...attributes(),
    },
  });
  return { span, context: trace.setSpan(otelContext.active(), span) };
}

/** Ends the request's span with what its log row says (served model, usage, route, cost). */
export function endRequestSpan(request: RequestSpan | null, entry: RequestLogEntry): void {
  if (request === null) return;
  const { span } = request;
  span.setAttributes({
    "gen_ai.usage.input_tokens": entry.inputTokens,
    "gen_ai.usage.output_tokens": entry.outputTokens,
    "http.response.status_code": entry.httpStatus,
    "switchyard.request_id": entry.id,
    "switchyard.team_id": entry.teamId,
    "switchyard.route.reason": entry.routeReason,
    "switchyard.cost_usd": Number(entry.costUsd),
    "switchyard.status": entry.status,
    "switchyard.attempts": entry.attemptCount,
    ...(entry.routedModel !== null && { "gen_ai.response.model": entry.routedModel }),
    ...(entry.provider !== null && { "gen_ai.provider.name": entry.provider }),
    ...(entry.apiKeyId !== null && { "switchyard.api_key_id": entry.apiKeyId }),
  });
  if (entry.status === "error") {
    span.setStatus({ code: SpanStatusCode.ERROR, message: entry.errorCode ?? "error" });
    if (entry.errorCode) span.setAttribute("error.type", entry.errorCode);
  }
  span.end();
}

/** One upstream attempt's span, a child of the request's; null while tracing is off. */
export function startAttemptSpan(
  parent: RequestSpan | null | undefined,
  model: ModelInfo,
  operation: string,
): Span | null {
  if (tracer === null || !parent) return null;
  let host: string | undefined;
  try {
    host = new URL(model.baseUrl).host;
  } catch {
    host = undefined;
  }
  return tracer.startSpan(
    `${operation} ${model.upstreamName}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        "gen_ai.operation.name": operation,
        "gen_ai.provider.name": model.providerKind,
        "gen_ai.request.model": model.upstreamName,
        "switchyard.model": model.name,
        ...(host !== undefined && { "server.address": host }),
      },
    },
    parent.context,
  );
}

/** Ends an attempt's span with its HTTP status (null: no answer) and error, if any. */
export function endAttemptSpan(
  span: Span | null,
  status: number | null,
  error: string | null,
): void {
  if (span === null) return;
  if (status !== null) span.setAttribute("http.response.status_code", status);
  if (error !== null) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error });
    span.setAttribute("error.type", error);
  }
  span.end();
}
