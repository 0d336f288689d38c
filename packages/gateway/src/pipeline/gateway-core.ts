import { type ApiKeyInfo, invalidRequest, notFound, SwitchyardError } from "@switchyard/core";
import { authenticate } from "../auth/authenticate";
import { runEmbeddings } from "../embeddings/embeddings-pipeline";
import { parseEmbeddingsRequest } from "../embeddings/embeddings-request";
import { handleFeedback } from "../feedback/handle-feedback";
import { parseResponsesCall } from "../responses/responses-call";
import { handleStoredResponse } from "../responses/responses-endpoints";
import type { Surface } from "../surface/surface";
import { wantsAnthropicShape } from "./anthropic-models";
import { runChat } from "./chat-pipeline";
import { countTokens, withCountingDefaults } from "./count-tokens";
import { errorResult, normalisePath, surfaceFor } from "./error-result";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./json-depth";
import { answerModels, isModelsPath } from "./models-endpoint";
import type { PipelineDeps } from "./pipeline-deps";
import type { GatewayRequest, GatewayResult } from "./types";

const methodNotAllowed = (method: string, path: string) =>
  new SwitchyardError(`Method ${method} is not allowed on ${path}.`, {
    status: 405,
    code: "method_not_allowed",
    type: "invalid_request_error",
  });

/**
 * Parse a JSON body; malformed JSON, or JSON nested deeper than MAX_JSON_DEPTH (which would
 * overflow the stack of whatever walks it next), is a 400 naming the problem, never a crash.
 */
export function parseJsonBody(text: string | null): unknown {
  if (text === null || text.length === 0)
    throw invalidRequest("The request body is empty; send a JSON object.");
  if (nestsDeeperThan(text, MAX_JSON_DEPTH))
    throw invalidRequest(
      `The request body's JSON is nested more than ${MAX_JSON_DEPTH} levels deep.`,
      null,
      "json_too_deep",
    );
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof SyntaxError ? `: ${error.message}` : "";
    throw invalidRequest(`The request body is not valid JSON${detail}.`, null, "invalid_json");
  }
}

/** The transport-free gateway: every endpoint, and errors in the caller's dialect. */
export class GatewayCore {
  constructor(private readonly deps: PipelineDeps) {}

  async handle(request: GatewayRequest): Promise<GatewayResult> {
    const path = normalisePath(request.path);
    // The model list answers, and fails, in the shape its caller speaks.
    const surface =
      isModelsPath(path) && wantsAnthropicShape(request.headers)
        ? surfaceFor("/v1/messages")
        : surfaceFor(path);
    try {
      return await this.dispatch(request, path, surface);
    } catch (error) {
      return this.errorResult(surface, error, request);
    }
  }

  /** An error as a complete response in the dialect of `path` (or of `surface`). */
  errorResult(
    surfaceOrPath: Surface | string,
    error: unknown,
    request: Pick<GatewayRequest, "requestId" | "clientRequestId" | "receivedAt">,
  ): GatewayResult {
    return errorResult(surfaceOrPath, error, request, this.deps.logger);
  }

  private async dispatch(
    request: GatewayRequest,
    path: string,
    surface: Surface,
  ): Promise<GatewayResult> {
    const isChat =
      path === "/v1/chat/completions" || path === "/v1/messages" || path === "/v1/responses";
    if (isModelsPath(path)) {
      if (request.method !== "GET") throw methodNotAllowed(request.method, path);
      const found = this.authenticate(request);
      const key = found instanceof Promise ? await found : found;
      return answerModels(request, path, key, this.deps.config());
    }
    if (path === "/v1/feedback") {
      if (request.method !== "POST") throw methodNotAllowed(request.method, path);
      const found = this.authenticate(request);
      const key = found instanceof Promise ? await found : found;
      const { deps } = this;
      return handleFeedback(
        {
          ports: deps.feedback,
          unwritten: deps.unwritten,
          config: deps.config,
          logger: deps.logger,
        },
        request,
        key,
        parseJsonBody(request.bodyText),
      );
    }
    if (path === "/v1/messages/count_tokens") {
      if (request.method !== "POST") throw methodNotAllowed(request.method, path);
      const found = this.authenticate(request);
      const key = found instanceof Promise ? await found : found;
      const parsed = surface.parseRequest(withCountingDefaults(parseJsonBody(request.bodyText)));
      return countTokens(this.deps, request, key, parsed);
    }
    if (path.startsWith("/v1/responses/")) {
      const found = this.authenticate(request);
      const key = found instanceof Promise ? await found : found;
      return handleStoredResponse(this.deps.storedResponses, request, path, key);
    }
    if (path === "/v1/embeddings") {
      if (request.method !== "POST") throw methodNotAllowed(request.method, path);
      const found = this.authenticate(request);
      const key = found instanceof Promise ? await found : found;
      const call = parseEmbeddingsRequest(parseJsonBody(request.bodyText));
      return runEmbeddings(this.deps, request, key, call);
    }
    if (!isChat)
      throw notFound(`No endpoint ${request.method} ${request.path}.`, "unknown_endpoint");
    if (request.method !== "POST") throw methodNotAllowed(request.method, path);
    const found = this.authenticate(request);
    const key = found instanceof Promise ? await found : found;
    const body = parseJsonBody(request.bodyText);
    if (path !== "/v1/responses")
      return runChat(this.deps, surface, request, key, surface.parseRequest(body));
    // The Responses API: previous_response_id is read from the store, `store` queues the answer.
    const team = this.deps.config().teamsById.get(key.teamId) ?? key.team;
    const parsed = await parseResponsesCall(this.deps.storedResponses, key, team, body);
    return runChat(this.deps, surface, request, key, parsed);
  }

  /** The caller's key; synchronous when the cache is warm (no promise on the hot path). */
  private authenticate(request: GatewayRequest): ApiKeyInfo | Promise<ApiKeyInfo> {
    const found = authenticate(this.deps.keys, request.headers);
    if (found instanceof Promise) return found.then((key) => this.touch(key));
    return this.touch(found);
  }

  private touch(key: ApiKeyInfo): ApiKeyInfo {
    this.deps.lastUsed.touch(key.id, new Date());
    return key;
  }
}
