import type { RequestLogEntry } from "@switchyard/core";

const INT32_MAX = 2_147_483_647;
const ascii = (text: unknown, max: number): string | null =>
  typeof text === "string" ? text.replace(/[^\x20-\x7e]/g, "?").slice(0, max) : null;
const whole = (value: number) =>
  Number.isFinite(value) ? Math.min(INT32_MAX, Math.max(0, Math.round(value))) : 0;

/**
 * The last resort for a row the store refused for what it holds: every field a caller or an
 * upstream could have shaped becomes plain, short ASCII, numbers are clamped to what the columns
 * take, and the content, trace and attempts are left out. Who, when, which model, the tokens and
 * the cost (what the ledger is for) are kept; tags become ASCII, routing features are left out.
 */
export function scrubEntry(entry: RequestLogEntry): RequestLogEntry {
  return {
    ...entry,
    clientRequestId: ascii(entry.clientRequestId, 128),
    requestedModel: ascii(entry.requestedModel, 128) ?? "",
    routeReason: ascii(entry.routeReason, 256) ?? "",
    routeTrace: { scrubbed: true },
    errorCode: ascii(entry.errorCode, 128),
    inputTokens: whole(entry.inputTokens),
    outputTokens: whole(entry.outputTokens),
    latencyMs: whole(entry.latencyMs),
    ttftMs: entry.ttftMs === null ? null : whole(entry.ttftMs),
    overheadMs: Number.isFinite(entry.overheadMs) ? Math.min(entry.overheadMs, INT32_MAX) : 0,
    httpStatus: whole(entry.httpStatus),
    attemptCount: whole(entry.attemptCount),
    attempts: [],
    promptText: null,
    completionText: null,
    tags: (entry.tags ?? []).map((tag) => ascii(tag, 128) ?? "").filter((tag) => tag !== ""),
    routingFeatures: null,
  };
}
