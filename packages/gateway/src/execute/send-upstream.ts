import { SwitchyardError } from "@switchyard/core";
import type { UpstreamRequest } from "@switchyard/providers";
import type { Dispatcher } from "undici";
import { AbortSource } from "./abort-source";
import type { Deadlines } from "./deadlines";
import { ClientClosedError } from "./errors";
import type { UpstreamPools } from "./upstream-pools";

export interface AttemptTimeouts {
  firstByteTimeoutMs: number;
  idleTimeoutMs: number;
}

/** An upstream call in flight. `release()` must be called once its body is consumed or dropped. */
export interface UpstreamCall {
  response: Dispatcher.ResponseData;
  /** Aborted (with the reason) when the client leaves or the attempt times out. */
  signal: AbortSource;
  /** Aborts the upstream (client gone, or the gateway gives up). */
  abort(reason?: Error): void;
  release(): void;
}

/**
 * Send one request upstream through the origin's keep-alive pool. Enforces the per-attempt
 * timeouts (connect: pool; first byte: headersTimeout; idle: bodyTimeout; total: `deadlines`) and
 * aborts when `clientSignal` does.
 */
export async function sendUpstream(
  pools: UpstreamPools,
  deadlines: Deadlines,
  upstream: UpstreamRequest,
  clientSignal: AbortSource,
  timeouts: AttemptTimeouts,
): Promise<UpstreamCall> {
  // The request's own end (client gone: ClientClosedError; shutdown: a 503) ends the attempt.
  const ended = () =>
    clientSignal.reason instanceof SwitchyardError ? clientSignal.reason : new ClientClosedError();
  if (clientSignal.aborted) throw ended();
  const url = new URL(upstream.url);
  const attempt = new AbortSource();
  const stopFollowing = clientSignal.onAbort(() => attempt.abort(ended()));
  deadlines.add(attempt);
  const release = () => {
    deadlines.delete(attempt);
    stopFollowing();
  };
  try {
    const response = await pools.get(url.origin).request({
      path: url.pathname + url.search,
      method: upstream.method,
      headers: upstream.headers,
      body: upstream.method === "GET" ? null : upstream.body,
      signal: attempt,
      headersTimeout: timeouts.firstByteTimeoutMs,
      bodyTimeout: timeouts.idleTimeoutMs,
    });
    return {
      response,
      signal: attempt,
      abort: (reason) => attempt.abort(reason ?? new ClientClosedError()),
      release,
    };
  } catch (error) {
    release();
    throw attempt.aborted ? attempt.reason : error;
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
