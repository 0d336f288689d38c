/**
 * POST /v1/messages/count_tokens (Anthropic's): the input tokens of a Messages request on the model
 * it would be routed to. Exact when that model's provider counts (Anthropic), else the gateway's
 * estimate; `x-switchyard-token-count` says which. Free upstream, so not in the request log and
 * not charged to budgets.
 */
import type { ApiKeyInfo, ChatCompletionRequest } from "@switchyard/core";
import { estimatePromptTokens } from "../accounting/estimate-usage";
import { executePlan } from "../execute/execute-plan";
import { collectTags } from "../route/request-tags";
import { resolveRoute } from "../route/resolve-route";
import type { ParsedRequest } from "../surface/surface";
import { responseHeaders } from "./headers";
import type { PipelineDeps } from "./pipeline-deps";
import { checkScope } from "./refusals";
import type { GatewayRequest, GatewayResult } from "./types";

/** count_tokens takes a Messages body without max_tokens: the surface's parser needs one. */
export const withCountingDefaults = (body: unknown): unknown =>
  body !== null && typeof body === "object" && !Array.isArray(body)
    ? { max_tokens: 1, ...(body as Record<string, unknown>), stream: false }
    : body;

export async function countTokens(
  deps: PipelineDeps,
  request: GatewayRequest,
  key: ApiKeyInfo,
  parsed: ParsedRequest,
): Promise<GatewayResult> {
  const config = deps.config();
  checkScope(key, parsed.requestedModel, config);
  const canonical: ChatCompletionRequest = parsed.canonical;
  const route = resolveRoute({
    requestedModel: parsed.requestedModel,
    request: canonical,
    key,
    config,
    tags: collectTags({ keyTags: key.tags, header: request.headers["x-switchyard-tags"] }),
  });
  const target = route.plan[0];
  let count = estimatePromptTokens(canonical);
  let how = "estimated";
  const counter = target ? deps.providers(target.model.providerKind).countTokens : undefined;
  if (target && counter) {
    try {
      const executed = await executePlan(
        {
          plan: [target],
          request: canonical,
          stream: false,
          signal: request.signal,
          providers: deps.providers,
          pools: deps.pools,
          deadlines: deps.deadlines,
          options: deps.options,
          logger: deps.logger,
          build: (_adapter, attempt) =>
            counter.buildRequest(attempt.model, canonical, request.headers),
        },
        async (call) => counter.parseResponse(await call.response.body.json()),
      );
      count = executed.value;
      how = "exact";
    } catch (error) {
      // The provider could not count now: the estimate serves, and says so.
      deps.logger.warn(
        { requestId: request.requestId, err: (error as Error).message },
        "count_tokens upstream failed; answering the estimate",
      );
      how = "estimated; the provider's count failed";
    }
  }
  const overheadMs = performance.now() - request.receivedAt;
  const headers = responseHeaders(
    request,
    target?.model.name ?? parsed.requestedModel,
    route.reason,
    overheadMs,
    "json",
  );
  headers["x-switchyard-token-count"] = how;
  return { kind: "json", status: 200, headers, body: JSON.stringify({ input_tokens: count }) };
}
