import type { ChatCompletionRequest, ModelInfo } from "@switchyard/core";
import { reasoningIgnored } from "@switchyard/providers";
import type { RequestTrace } from "../route/request-trace";

const contentTypes = {
  json: "application/json",
  sse: "text/event-stream; charset=utf-8",
} as const;

/** A header-safe form of a value (names and routing traces may hold arrows or other non-ASCII). */
export function headerSafe(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  return value.replace(/→/g, "->").replace(/[^\x20-\x7e]/g, "?");
}

/** The gateway's own id of a request, and the caller's id for it when it sent one. */
export interface RequestIds {
  requestId: string;
  clientRequestId: string | null;
}

/** The headers every gateway response carries (and the caller's own id, echoed). */
export function responseHeaders(
  ids: RequestIds,
  model: string,
  route: string,
  overheadMs: number,
  kind: keyof typeof contentTypes,
): Record<string, string> {
  const headers: Record<string, string> = {
    "content-type": contentTypes[kind],
    "x-request-id": ids.requestId,
    "x-switchyard-model": headerSafe(model),
    "x-switchyard-route": headerSafe(route),
    "x-switchyard-overhead-ms": Math.max(0, overheadMs).toFixed(3),
  };
  if (ids.clientRequestId !== null) headers["x-client-request-id"] = ids.clientRequestId;
  if (kind === "sse") {
    headers["cache-control"] = "no-cache";
    headers["x-accel-buffering"] = "no";
  }
  return headers;
}

/**
 * The opt-in debug header `x-switchyard-scores: classifier=<score>;cascade=<answer score>` (each
 * part only when that scorer ran; `judge=<score>` instead of `cascade=` when a cascade's judge
 * graded the answer; `precall=<score>` when a cascade decided before the cheap call), numbers at
 * full precision. Empty when nothing was scored.
 */
export function scoresHeader(trace: RequestTrace): Record<string, string> {
  const parts: string[] = [];
  const policy = "steps" in trace ? null : trace;
  if (policy?.classifier !== undefined) parts.push(`classifier=${policy.classifier.score}`);
  if (policy?.preCall !== undefined) parts.push(`precall=${policy.preCall.score}`);
  const cascade = trace.cascadeResult;
  if (cascade !== undefined)
    parts.push(
      cascade.judge !== undefined && cascade.judge.score !== null
        ? `judge=${cascade.judge.score}`
        : `cascade=${cascade.score}`,
    );
  return parts.length === 0 ? {} : { "x-switchyard-scores": parts.join(";") };
}

/**
 * `x-switchyard-note` when the request asked for something the model that answered did not get,
 * e.g. `reasoning ignored: gpt-4o does not take it`; empty otherwise.
 */
export function notesHeader(
  model: ModelInfo,
  request: ChatCompletionRequest,
): Record<string, string> {
  if (request.reasoning_effort == null) return {};
  const reason = reasoningIgnored(model, request);
  return reason === null ? {} : { "x-switchyard-note": headerSafe(`reasoning ignored: ${reason}`) };
}

const sane = /^[A-Za-z0-9._:@/+=-]{1,128}$/;
type HeaderValue = string | string[] | undefined;
const first = (value: HeaderValue) => (Array.isArray(value) ? value[0] : value);

/**
 * The caller's own id for a request: `x-client-request-id` (the header OpenAI's SDKs send), else
 * `x-request-id`, when it is a sane token; null otherwise. It is logged and echoed, never used as
 * the request's id: the gateway always makes its own.
 */
export function clientRequestIdOf(
  clientHeader: HeaderValue,
  requestIdHeader: HeaderValue,
): string | null {
  const value = first(clientHeader) ?? first(requestIdHeader);
  return value !== undefined && sane.test(value) ? value : null;
}
