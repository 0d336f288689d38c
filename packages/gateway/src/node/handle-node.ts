import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { payloadTooLarge } from "@switchyard/core";
import { AbortSource } from "../execute/abort-source";
import { ClientClosedError, clientClosedResponse } from "../execute/errors";
import type { GatewayOptions } from "../options";
import type { GatewayCore } from "../pipeline/gateway-core";
import { clientRequestIdOf } from "../pipeline/headers";
import type { GatewayResult } from "../pipeline/types";
import type { InFlight, InFlightRequest } from "../shutdown/in-flight";

const tooLarge = (limit: number) =>
  payloadTooLarge(`The request body is larger than the limit of ${limit} bytes.`);

/** Read the body as UTF-8, rejecting with 413 as soon as it passes `limit` (no further reading). */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(
        chunks.length === 1
          ? (chunks[0] as Buffer).toString("utf8")
          : Buffer.concat(chunks).toString("utf8"),
      );
    };
    // The client went away mid-body (error or close before end): nobody to answer.
    const onError = () => {
      cleanup();
      reject(clientClosedResponse());
    };
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onError);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onError);
  });
}

function writeResult(
  res: ServerResponse,
  result: GatewayResult,
  closeConnection: boolean,
  tracked: InFlightRequest,
): void {
  if (closeConnection) result.headers.connection = "close";
  res.writeHead(result.status, result.headers);
  if (result.kind === "json") {
    res.end(result.body);
    return;
  }
  if (res.destroyed) {
    result.stream.cancel();
    return;
  }
  // Headers go out at once: with the first frame when it is already here (one write instead of
  // two), else on their own at the end of this event-loop turn.
  setImmediate(() => {
    if (!res.headersSent && !res.destroyed) res.flushHeaders();
  });
  const { stream } = result;
  tracked.stream = stream;
  res.on("drain", () => stream.resume());
  res.on("close", () => {
    if (!res.writableFinished) stream.cancel();
  });
  stream.start({
    write: (frames) => res.write(frames),
    end: (frames) => {
      if (frames.length > 0) res.end(frames);
      else res.end();
    },
  });
}

/** node:http adapter: body with a size limit, client-disconnect → abort, results written as they come. */
export function handleNodeRequest(
  core: GatewayCore,
  options: GatewayOptions,
  inFlight: InFlight,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const receivedAt = performance.now();
  const requestId = randomUUID();
  const clientRequestId = clientRequestIdOf(
    req.headers["x-client-request-id"],
    req.headers["x-request-id"],
  );
  const url = req.url ?? "/";
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  const signal = new AbortSource();
  const tracked = inFlight.add(signal);
  res.on("close", () => {
    inFlight.remove(tracked);
    if (!res.writableFinished) signal.abort(new ClientClosedError());
  });
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  // While shutting down, the client is asked to take its next request elsewhere.
  let closeConnection = inFlight.draining;
  const run = async (): Promise<GatewayResult> => {
    let bodyText: string | null = null;
    if (hasBody) {
      try {
        bodyText = await readBody(req, options.maxBodyBytes);
      } catch (error) {
        closeConnection = true;
        return core.errorResult(path, error, { requestId, clientRequestId, receivedAt });
      }
    }
    return core.handle({
      method: req.method ?? "GET",
      path,
      query: query === -1 ? "" : url.slice(query + 1),
      headers: req.headers,
      bodyText,
      signal,
      requestId,
      clientRequestId,
      receivedAt,
    });
  };
  run()
    .then((result) => writeResult(res, result, closeConnection, tracked))
    .catch((error: unknown) => {
      // Only a transport failure lands here (the core turns every error into a response).
      if (!res.headersSent) {
        const result = core.errorResult(path, error, { requestId, clientRequestId, receivedAt });
        res.writeHead(result.status, result.headers);
        res.end(result.kind === "json" ? result.body : undefined);
      } else {
        res.destroy();
      }
    });
}
