/**
 * One call to a provider on an admin's behalf (Test connection, the provider's model list), with
 * its failure in plain words: what went wrong, where, and what to check. The call goes through the
 * instance's address policy like every gateway call; the provider's own words are kept, with the
 * credential taken out.
 */
import {
  type AddressPolicy,
  denyPrivateAddresses,
  guardedConnectOptions,
  isAddressDenied,
} from "@switchyard/core/network";
import type { UpstreamRequest } from "@switchyard/providers";
import { Agent, request } from "undici";
import { redactSecrets, requestSecrets } from "../execute/redact-secrets";
import { readErrorText } from "../execute/send-upstream";

export interface ProbeOptions {
  /** Which internal addresses may be called (SWITCHYARD_ALLOWED_PRIVATE_HOSTS); default none. */
  addressPolicy?: AddressPolicy;
  /** Whole call, connect to last byte; default 15 s. */
  timeoutMs?: number;
}

export type ProbeResponse =
  | { ok: true; status: number; body: unknown; latencyMs: number }
  | {
      ok: false;
      /** The provider's HTTP status; null when no answer came. */
      status: number | null;
      /** What happened and what to check, in plain words. */
      message: string;
      /** The provider's own words (credential removed, capped), when it answered. */
      detail: string | null;
      latencyMs: number | null;
      headers: Record<string, string | string[] | undefined>;
    };

const MAX_DETAIL = 500;

/** Why a call got no answer, from undici's or Node's error codes. */
export function describeNetworkFailure(error: unknown, url: URL, timeoutMs: number): string {
  const where = url.host;
  if (isAddressDenied(error)) return error.message;
  const code = (error as { code?: string; cause?: { code?: string } }).code;
  const cause = (error as { cause?: { code?: string } }).cause?.code;
  const reason = cause ?? code ?? "";
  const seconds = `${Math.round(timeoutMs / 100) / 10} s`;
  if (reason === "ECONNREFUSED")
    return `Nothing answers at ${where} (connection refused): is the server running, and is the base URL right?`;
  if (reason === "ENOTFOUND" || reason === "EAI_AGAIN")
    return `The host name ${url.hostname} does not resolve: check the base URL.`;
  if (reason === "UND_ERR_CONNECT_TIMEOUT" || reason === "ETIMEDOUT")
    return `Could not connect to ${where} within ${seconds}: a firewall, or the wrong host or port?`;
  if (
    reason === "UND_ERR_HEADERS_TIMEOUT" ||
    reason === "UND_ERR_BODY_TIMEOUT" ||
    reason === "UND_ERR_ABORTED" ||
    (error as Error).name === "TimeoutError" ||
    (error as Error).name === "AbortError"
  )
    return `${where} accepted the connection but sent no answer within ${seconds}.`;
  if (reason === "ECONNRESET" || reason === "UND_ERR_SOCKET")
    return `${where} closed the connection before answering: is it an HTTP server at that port (https vs http)?`;
  if (/CERT|TLS|SSL/i.test(reason))
    return `The TLS handshake with ${where} failed (${reason}): check the certificate or use the right scheme.`;
  const text = error instanceof Error ? error.message : String(error);
  return `The call to ${where} failed: ${reason ? `${reason}, ` : ""}${text}`;
}

/** Sends `upstream` once and reads its JSON answer; never throws. */
export async function probeCall(
  upstream: UpstreamRequest,
  options: ProbeOptions = {},
): Promise<ProbeResponse> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const secrets = requestSecrets(upstream);
  let url: URL;
  try {
    url = new URL(upstream.url);
  } catch {
    return failure(null, `The base URL does not make a valid URL (${upstream.url}).`, null, null);
  }
  let agent: Agent | undefined;
  const started = performance.now();
  try {
    agent = new Agent({
      connect: {
        timeout: timeoutMs,
        ...guardedConnectOptions(options.addressPolicy ?? denyPrivateAddresses, url),
      },
    });
    const response = await request(url, {
      dispatcher: agent,
      method: upstream.method,
      headers: upstream.headers,
      body: upstream.method === "GET" ? null : upstream.body,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await readErrorText(response.body, 4 * 1024 * 1024);
    const latencyMs = Math.round(performance.now() - started);
    const detail = () => redactSecrets(text, secrets).slice(0, MAX_DETAIL).trim() || null;
    if (response.statusCode >= 400)
      return {
        ...failure(response.statusCode, "", detail(), latencyMs),
        headers: response.headers,
      };
    try {
      return { ok: true, status: response.statusCode, body: JSON.parse(text), latencyMs };
    } catch {
      return failure(
        response.statusCode,
        `${url.host} answered HTTP ${response.statusCode}, but not with JSON: is the base URL the API's (often ending in /v1)?`,
        detail(),
        latencyMs,
      );
    }
  } catch (error) {
    return failure(null, describeNetworkFailure(error, url, timeoutMs), null, null);
  } finally {
    void agent?.close().catch(() => {});
  }
}

function failure(
  status: number | null,
  message: string,
  detail: string | null,
  latencyMs: number | null,
): Extract<ProbeResponse, { ok: false }> {
  return { ok: false, status, message, detail, latencyMs, headers: {} };
}
