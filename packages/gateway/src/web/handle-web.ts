import { randomUUID } from "node:crypto";
import { payloadTooLarge, SwitchyardError } from "@switchyard/core";
import { AbortSource } from "../execute/abort-source";
import type { GatewayOptions } from "../options";
import { errorResult } from "../pipeline/error-result";
import type { GatewayCore } from "../pipeline/gateway-core";
import { clientRequestIdOf, type RequestIds } from "../pipeline/headers";
import type { GatewayResult, HeaderMap } from "../pipeline/types";
import type { InFlight } from "../shutdown/in-flight";

const tooLarge = (limit: number) =>
  payloadTooLarge(`The request body is larger than the limit of ${limit} bytes.`);

async function readBody(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (request.body === null) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const webRequestIds = (request: Request): RequestIds => ({
  requestId: randomUUID(),
  clientRequestId: clientRequestIdOf(
    request.headers.get("x-client-request-id") ?? undefined,
    request.headers.get("x-request-id") ?? undefined,
  ),
});

function toResponse(result: GatewayResult, done: () => void = () => undefined): Response {
  if (result.kind === "json") {
    done();
    return new Response(result.body, { status: result.status, headers: result.headers });
  }
  const { stream } = result;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        stream.start({
          write(frames) {
            controller.enqueue(encoder.encode(frames));
            return (controller.desiredSize ?? 0) > 0;
          },
          end(frames) {
            if (frames.length > 0) controller.enqueue(encoder.encode(frames));
            controller.close();
            done();
          },
        });
      },
      pull() {
        stream.resume();
      },
      cancel() {
        stream.cancel();
        done();
      },
    },
    { highWaterMark: 8 },
  );
  return new Response(body, { status: result.status, headers: result.headers });
}

/**
 * The answer when there is no gateway to ask (it could not start, e.g. its database is down): a
 * 503 in the caller's dialect with the usual gateway headers.
 */
export function gatewayUnavailableResponse(request: Request): Response {
  const ids = webRequestIds(request);
  const error = new SwitchyardError(
    "The gateway is not available: the server could not connect to its database.",
    { status: 503, code: "gateway_unavailable", type: "api_error", retryable: true },
  );
  const path = new URL(request.url).pathname;
  return toResponse(errorResult(path, error, { ...ids, receivedAt: performance.now() }));
}

/** WHATWG adapter (Next.js route files): same pipeline, Request in, Response out. */
export async function handleWebRequest(
  core: GatewayCore,
  options: GatewayOptions,
  inFlight: InFlight,
  request: Request,
): Promise<Response> {
  const receivedAt = performance.now();
  const { requestId, clientRequestId } = webRequestIds(request);
  const url = new URL(request.url);
  const headers: HeaderMap = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  let bodyText: string | null = null;
  if (request.method !== "GET" && request.method !== "HEAD") {
    try {
      bodyText = await readBody(request, options.maxBodyBytes);
    } catch (error) {
      return toResponse(
        core.errorResult(url.pathname, error, { requestId, clientRequestId, receivedAt }),
      );
    }
  }
  const signal = AbortSource.fromSignal(request.signal);
  const tracked = inFlight.add(signal);
  let result: GatewayResult;
  try {
    result = await core.handle({
      method: request.method,
      path: url.pathname,
      query: url.search.slice(1),
      headers,
      bodyText,
      signal,
      requestId,
      clientRequestId,
      receivedAt,
    });
  } catch (error) {
    inFlight.remove(tracked);
    throw error;
  }
  if (result.kind === "stream") tracked.stream = result.stream;
  return toResponse(result, () => inFlight.remove(tracked));
}
