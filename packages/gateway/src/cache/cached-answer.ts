/**
 * A policy's exact-match response cache on the request path: the entry a request would use (its
 * key, when the policy caches and the request qualifies), answering a hit (JSON or replayed as a
 * stream, nothing paid: cost 0 in the log, what it saved in the trace), and keeping a JSON answer.
 */
import {
  type ChatCompletionResponse,
  type ModelInfo,
  picosToUsdString,
  type ResponseCache,
} from "@switchyard/core";
import type { RequestLedger } from "../accounting/request-ledger";
import { headerSafe, notesHeader, responseHeaders } from "../pipeline/headers";
import type { GatewayRequest, GatewayResult } from "../pipeline/types";
import type { RouteDecision } from "../route/resolve-route";
import { replayAnswer } from "../stream/replay-stream";
import type { ParsedRequest, Surface } from "../surface/surface";
import { cacheTakes, responseCacheKey } from "./cache-key";

interface CachedAnswer {
  response: ChatCompletionResponse;
  /** What making the answer cost, in picodollars. */
  costPicos: number;
}

export interface CacheEntry {
  key: string;
  ttlMs: number;
  model: ModelInfo;
}

/** The cache entry of a request, or null (no cache on the policy, or not a cacheable request). */
export function cacheEntryFor(
  route: RouteDecision,
  parsed: ParsedRequest,
  teamId: string,
): CacheEntry | null {
  const settings = route.cache;
  const model = route.plan[0]?.model;
  if (settings === undefined || model === undefined) return null;
  if (!cacheTakes(parsed.canonical, settings.anyTemperature)) return null;
  return {
    key: responseCacheKey(teamId, model.name, parsed.canonical),
    ttlMs: settings.ttlSeconds * 1_000,
    model,
  };
}

/** The cached answer, or null; a cache that fails answers null (a miss). */
export async function readCached(cache: ResponseCache, key: string): Promise<CachedAnswer | null> {
  try {
    const found = await cache.get(key);
    return found === null ? null : (JSON.parse(found) as CachedAnswer);
  } catch {
    return null;
  }
}

/** Keeps an answer for the entry's TTL (best effort: a failing cache is ignored). */
export function keepAnswer(
  cache: ResponseCache,
  entry: { key: string; ttlMs: number },
  response: ChatCompletionResponse,
  costPicos: number,
): void {
  const value = JSON.stringify({ response, costPicos } satisfies CachedAnswer);
  try {
    const pending = cache.set(entry.key, value, entry.ttlMs);
    if (pending instanceof Promise) pending.catch(() => undefined);
  } catch {
    // A cache is an optimisation: a failed write is a later miss.
  }
}

export function answerFromCache(input: {
  surface: Surface;
  request: GatewayRequest;
  parsed: ParsedRequest;
  route: RouteDecision;
  ledger: RequestLedger;
  model: ModelInfo;
  cached: CachedAnswer;
}): GatewayResult {
  const { surface, request, parsed, route, ledger, model, cached } = input;
  const response = { ...cached.response, model: model.name };
  ledger.attempted(model);
  ledger.setReason(`${route.reason};cache-hit`);
  ledger.extendTrace({ cache: { hit: true, savedUsd: picosToUsdString(cached.costPicos) } });
  const latencyMs = performance.now() - request.receivedAt;
  ledger.close({
    status: "ok",
    httpStatus: 200,
    errorCode: null,
    latencyMs,
    ttftMs: parsed.stream ? latencyMs : null,
    overheadMs: latencyMs,
  });
  const headers = responseHeaders(
    request,
    model.name,
    ledger.routeReason,
    latencyMs,
    parsed.stream ? "sse" : "json",
  );
  Object.assign(headers, notesHeader(model, parsed.canonical));
  headers["x-switchyard-cache"] = "hit";
  headers["x-switchyard-requested-model"] = headerSafe(parsed.requestedModel);
  Object.assign(headers, parsed.extraHeaders);
  if (!parsed.stream)
    return {
      kind: "json",
      status: 200,
      headers,
      body: JSON.stringify(surface.encodeResponse(response, parsed)),
    };
  const usage = response.usage;
  const stream = replayAnswer(
    surface.createStreamEncoder(parsed, model.name),
    response,
    usage ? { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens } : null,
  );
  return { kind: "stream", status: 200, headers, stream };
}
