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

/** The headers every gateway response carries. */
export function responseHeaders(
  requestId: string,
  model: string,
  route: string,
  overheadMs: number,
  kind: keyof typeof contentTypes,
): Record<string, string> {
  const headers: Record<string, string> = {
    "content-type": contentTypes[kind],
    "x-request-id": requestId,
    "x-switchyard-model": headerSafe(model),
    "x-switchyard-route": headerSafe(route),
    "x-switchyard-overhead-ms": Math.max(0, overheadMs).toFixed(3),
  };
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

const sane = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** The caller's x-request-id when it is a sane token, else a new UUID. */
export function pickRequestId(
  incoming: string | string[] | undefined,
  generate: () => string,
): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value !== undefined && sane.test(value) ? value : generate();
}
