import type { UpstreamRequest } from "@switchyard/providers";
import type { Dispatcher } from "undici";
import { AttemptTimeoutError, ClientClosedError } from "./errors";
import type { UpstreamPools } from "./upstream-pools";

export interface AttemptTimeouts {
  firstByteTimeoutMs: number;
  idleTimeoutMs: number;
  totalTimeoutMs: number;
}

/** An upstream call in flight. `release()` must be called once its body is consumed or dropped. */
export interface UpstreamCall {
  response: Dispatcher.ResponseData;
  /** Aborted (with the reason) when the client leaves or the attempt times out. */
  signal: AbortSignal;
  /** Aborts the upstream (client gone, or the gateway gives up). */
  abort(reason?: Error): void;
  release(): void;
}

/**
 * Send one request upstream through the origin's keep-alive pool. Enforces the per-attempt
 * timeouts (connect: pool; first byte: headersTimeout; idle: bodyTimeout; total: timer) and
 * aborts when `clientSignal` does.
 */
export async function sendUpstream(
  pools: UpstreamPools,
  upstream: UpstreamRequest,
  clientSignal: AbortSignal,
  timeouts: AttemptTimeouts,
): Promise<UpstreamCall> {
  if (clientSignal.aborted) throw new ClientClosedError();
  const url = new URL(upstream.url);
  const controller = new AbortController();
  const onClientAbort = () => controller.abort(new ClientClosedError());
  clientSignal.addEventListener("abort", onClientAbort, { once: true });
  const timer = setTimeout(
    () => controller.abort(new AttemptTimeoutError(timeouts.totalTimeoutMs)),
    timeouts.totalTimeoutMs,
  );
  const release = () => {
    clearTimeout(timer);
    clientSignal.removeEventListener("abort", onClientAbort);
  };
  try {
    const response = await pools.get(url.origin).request({
      path: url.pathname + url.search,
      method: upstream.method,
      headers: upstream.headers,
      body: upstream.method === "GET" ? null : upstream.body,
      signal: controller.signal,
      headersTimeout: timeouts.firstByteTimeoutMs,
      bodyTimeout: timeouts.idleTimeoutMs,
    });
    return {
      response,
      signal: controller.signal,
      abort: (reason) => controller.abort(reason ?? new ClientClosedError()),
      release,
    };
  } catch (error) {
    release();
    throw controller.signal.aborted ? controller.signal.reason : error;
  }
}

/** Read a (small) error body as text, capped so a huge error page cannot exhaust memory. */
export async function readErrorText(
  body: Dispatcher.ResponseData["body"],
  maxBytes = 65_536,
): Promise<string> {
  let text = "";
  let size = 0;
  try {
    for await (const chunk of body) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      text += buffer.toString("utf8");
      if (size >= maxBytes) {
        body.destroy();
        break;
      }
    }
  } catch {
    // A broken error body still leaves the status code to go on.
  }
  return text;
}
