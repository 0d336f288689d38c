import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { composeAnswer, ReplayMiss } from "./answer";
import { anthropicDialect } from "./anthropic";
import type { ControlDefaults } from "./controls";
import { parseControls } from "./controls";
import { answerCountTokens, COUNT_TOKENS_PATH } from "./count-tokens";
import type { Dialect, RequestContext } from "./dialect";
import { answerEmbeddings, embeddingsRoute } from "./embeddings";
import { geminiDialect } from "./gemini";
import { hashString } from "./hash";
import { BodyTooLarge, JSON_CONTENT_TYPE, readBody, sendBody, wait } from "./http-io";
import { DEFAULT_MODELS, geminiModelList, modelList } from "./models";
import { azureDialect, openAIDialect } from "./openai";
import type { ReplayIndex } from "./replay";
import { BadRequest, type NormalizedRequest } from "./request";
import { responsesDialect } from "./responses";
import { withTokenClasses } from "./token-classes";

export interface MockServerConfig {
  replay: ReplayIndex | undefined;
  strictReplay: boolean;
  defaults: ControlDefaults;
}

interface Route {
  dialect: Dialect;
  context: RequestContext;
}

const EMPTY_QUERY = new URLSearchParams();
const GEMINI_PATH = /^\/v1(?:beta)?\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;
const AZURE_PATH = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/;
/** The dialects served at a fixed path, which name the model in the body. */
const FIXED_PATHS = new Map<string, Dialect>([
  ["/v1/chat/completions", openAIDialect],
  ["/chat/completions", openAIDialect],
  ["/v1/messages", anthropicDialect],
  ["/openai/v1/chat/completions", azureDialect],
  ["/v1/responses", responsesDialect],
  ["/responses", responsesDialect],
  ["/openai/v1/responses", responsesDialect],
]);

/** One generation request as the mock received it (for tests that check what was forwarded). */
export interface ReceivedRequest {
  path: string;
  headers: IncomingMessage["headers"];
  body: unknown;
}

/** How many received requests are kept (the newest). */
const RECEIVED_KEPT = 100;

/**
 * Creates the node:http server; `requests` counts every request received, `received` holds the
 * newest generation requests (chat, messages, Gemini, Azure) with their parsed bodies.
 */
export function createMockServer(config: MockServerConfig): {
  server: Server;
  stats: () => { requests: number };
  received: () => ReceivedRequest[];
} {
  let requests = 0;
  const received: ReceivedRequest[] = [];
  let sequence = 0;
  const failures = new Map<string, number>();
  const models = [...DEFAULT_MODELS, ...(config.replay?.models ?? [])];

  const route = (method: string, path: string, queryString: string): Route | undefined => {
    if (method !== "POST") return undefined;
    const fixed = FIXED_PATHS.get(path);
    if (fixed) {
      return {
        dialect: fixed,
        context: { pathModel: undefined, query: EMPTY_QUERY, pathStream: false },
      };
    }
    const gemini = GEMINI_PATH.exec(path);
    if (gemini) {
      const context: RequestContext = {
        pathModel: decodeURIComponent(gemini[1] ?? ""),
        query: new URLSearchParams(queryString),
        pathStream: gemini[2] === "streamGenerateContent",
      };
      return { dialect: geminiDialect, context };
    }
    const azure = AZURE_PATH.exec(path);
    if (azure) {
      const context: RequestContext = {
        pathModel: decodeURIComponent(azure[1] ?? ""),
        query: new URLSearchParams(queryString),
        pathStream: false,
      };
      return { dialect: azureDialect, context };
    }
    return undefined;
  };

  const sendError = (
    response: ServerResponse,
    dialect: Dialect,
    status: number,
    message: string,
    retryAfter?: number,
  ) => {
    const rendered = dialect.error(status, message);
    const headers =
      retryAfter === undefined
        ? rendered.headers
        : { ...rendered.headers, "retry-after": String(retryAfter) };
    sendBody(response, rendered.status, JSON_CONTENT_TYPE, rendered.body, headers);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    requests++;
    const url = request.url ?? "/";
    const queryAt = url.indexOf("?");
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    const queryString = queryAt < 0 ? "" : url.slice(queryAt + 1);
    const method = request.method ?? "GET";
    if (method === "GET") {
      if (path === "/health") return sendBody(response, 200, JSON_CONTENT_TYPE, '{"status":"ok"}');
      if (path === "/v1/models")
        return sendBody(response, 200, JSON_CONTENT_TYPE, modelList(models, request.headers));
      if (path === "/v1beta/models")
        return sendBody(response, 200, JSON_CONTENT_TYPE, geminiModelList(models));
    }
    if (method === "POST" && path === COUNT_TOKENS_PATH) {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(await readBody(request));
      } catch {
        // Malformed or too large: answered as a bad request below.
      }
      const answer = answerCountTokens(parsed);
      return sendBody(response, answer.status, JSON_CONTENT_TYPE, answer.body);
    }
    const embeddings = embeddingsRoute(method, path);
    if (embeddings) {
      let text: string;
      try {
        text = await readBody(request);
      } catch (error) {
        if (error instanceof BodyTooLarge)
          return sendError(response, embeddings.dialect, 413, error.message);
        return;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return sendError(response, embeddings.dialect, 400, "The request body is not valid JSON");
      }
      const answer = answerEmbeddings(embeddings, parsed, request.headers);
      return sendBody(response, answer.status, JSON_CONTENT_TYPE, answer.body);
    }
    const matched = route(method, path, queryString);
    if (!matched) {
      const dialect = path.startsWith("/v1beta") ? geminiDialect : openAIDialect;
      request.resume();
      return sendError(response, dialect, 404, `Unknown endpoint: ${method} ${path}`);
    }
    const { dialect, context } = matched;
    if (
      dialect === azureDialect &&
      context.pathModel !== undefined &&
      !context.query.has("api-version")
    ) {
      request.resume();
      return sendError(response, dialect, 404, "Resource not found");
    }
    let text: string;
    try {
      text = await readBody(request);
    } catch (error) {
      if (error instanceof BodyTooLarge) return sendError(response, dialect, 413, error.message);
      return;
    }
    const headerProblem = dialect.checkHeaders?.(request.headers);
    if (headerProblem)
      return sendError(response, dialect, headerProblem.status, headerProblem.message);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return sendError(response, dialect, 400, "The request body is not valid JSON");
    }
    received.push({ path, headers: request.headers, body });
    if (received.length > RECEIVED_KEPT) received.shift();
    let normalized: NormalizedRequest;
    try {
      normalized = dialect.parse(body, context);
    } catch (error) {
      if (error instanceof BadRequest)
        return sendError(response, dialect, error.status, error.message);
      throw error;
    }
    const controls = parseControls(normalized.model, request.headers, config.defaults);
    if (controls.timeout) return; // Accepted, never answered: the socket stays open until the client leaves.

    let failing = false;
    if (controls.failFirst !== undefined && controls.failFirst > 0) {
      const key = `${normalized.model}\u0000${hashString(normalized.promptText)}`;
      const seen = (failures.get(key) ?? 0) + 1;
      failures.set(key, seen);
      failing = seen <= controls.failFirst;
    }
    if (controls.delayMs > 0 && !(await wait(response, controls.delayMs))) return;
    if (controls.errorStatus !== undefined) {
      const retryAfter =
        controls.retryAfterSeconds ?? (controls.errorStatus === 429 ? 1 : undefined);
      return sendError(response, dialect, controls.errorStatus, "", retryAfter);
    }
    if (failing) return sendError(response, dialect, 503, "", controls.retryAfterSeconds);

    let answer: ReturnType<typeof composeAnswer>;
    try {
      answer = withTokenClasses(
        composeAnswer(normalized, {
          replay: config.replay,
          strictReplay: config.strictReplay,
          grade: controls.grade,
          quality: controls.quality,
          judge: controls.judge,
        }),
        controls.tokenClasses,
      );
    } catch (error) {
      if (error instanceof BadRequest || error instanceof ReplayMiss) {
        return sendError(response, dialect, error.status, error.message);
      }
      throw error;
    }
    const id = `${dialect.idPrefix}mock${(++sequence).toString(36)}${(answer.inputTokens * 31 + answer.outputTokens).toString(36)}`;
    const extraHeaders: Record<string, string> =
      answer.recordId === undefined ? {} : { "x-mock-record-id": answer.recordId };

    if (!normalized.stream) {
      const payload = dialect.json(answer, normalized, id);
      if (controls.cutAfter !== undefined) {
        response.writeHead(200, {
          ...extraHeaders,
          "content-type": JSON_CONTENT_TYPE,
          "content-length": Buffer.byteLength(payload),
        });
        return cutAfterWrite(response, payload.slice(0, Math.floor(payload.length / 2)));
      }
      return sendBody(response, 200, JSON_CONTENT_TYPE, payload, extraHeaders);
    }
    const { contentType, frames } = dialect.stream(
      answer,
      normalized,
      id,
      controls.chunks,
      context,
    );
    response.writeHead(200, {
      ...extraHeaders,
      "content-type": contentType,
      "cache-control": "no-cache",
    });
    const limit = controls.cutAfter ?? Number.POSITIVE_INFINITY;
    if (controls.chunkDelayMs <= 0 && limit >= frames.length) {
      response.end(frames.join(""));
      return;
    }
    if (limit === 0) return cutAfterWrite(response, "");
    for (let index = 0; index < frames.length; index++) {
      if (index > 0 && controls.chunkDelayMs > 0 && !(await wait(response, controls.chunkDelayMs)))
        return;
      if (response.destroyed) return;
      if (index === limit - 1 && limit < frames.length)
        return cutAfterWrite(response, frames[index] ?? "");
      response.write(frames[index]);
    }
    response.end();
  };

  const server = createServer({ keepAliveTimeout: 65_000 }, (request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent)
        sendError(response, openAIDialect, 500, "Internal error in the mock server");
      else response.destroy();
    });
  });
  return { server, stats: () => ({ requests }), received: () => [...received] };
}

/** Writes `data` (headers first), then destroys the socket once it is flushed: a cut connection. */
function cutAfterWrite(response: ServerResponse, data: string): void {
  const destroy = () => response.socket?.destroy();
  if (data.length === 0) {
    response.flushHeaders();
    setImmediate(destroy);
    return;
  }
  response.write(data, destroy);
}
