import { SwitchyardError } from "@switchyard/core";
import {
  describeUpstreamFailure,
  reported,
  safeUpstreamToken,
  upstreamReport,
} from "./upstream-report";

export type HeaderBag = Record<string, string | string[] | undefined>;

export interface UpstreamErrorDetails {
  /**
   * The upstream's own message. Read to classify the error (a context overflow is recognised by
   * it), never returned to callers: an upstream may echo the request's credential in it.
   */
  message: string;
  /** Provider's own error code or type, e.g. "context_length_exceeded", "overloaded_error". */
  code?: string | null;
  param?: string | null;
}

const contextPatterns = [
  /context[_ ]length/i,
  /context window/i,
  /exceeds? (the )?context limit/i,
  /maximum context/i,
  /prompt is too long/i,
  /exceeds? (the )?(maximum|max)[\w ]*tokens/i,
  /input token count .* exceeds/i,
  /too many (input )?tokens/i,
  /reduce the length of the messages/i,
];

/** True when an upstream error says the prompt does not fit the model's context window. */
export function isContextLengthError(details: UpstreamErrorDetails): boolean {
  if (details.code === "context_length_exceeded") return true;
  return contextPatterns.some((pattern) => pattern.test(details.message));
}

function header(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  if (Array.isArray(value)) return value[0];
  if (value !== undefined) return value;
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() === name) {
      const v = headers[key];
      return Array.isArray(v) ? v[0] : v;
    }
  }
  return undefined;
}

/** Seconds to wait from retry-after-ms (milliseconds) or retry-after (seconds or an HTTP date). */
export function retryAfterSeconds(headers: HeaderBag, now = Date.now()): number | undefined {
  const ms = header(headers, "retry-after-ms");
  if (ms !== undefined && ms.trim() !== "" && Number.isFinite(Number(ms))) {
    return Math.max(0, Number(ms) / 1000);
  }
  const value = header(headers, "retry-after");
  if (value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  if (Number.isFinite(date)) return Math.max(0, (date - now) / 1000);
  return undefined;
}

/**
 * Turn an upstream HTTP error into a typed error. Retryable (another try or another deployment may
 * help): 408, 409, 429, 5xx and 529. Not retryable: 400, 401, 403, 404, 413, 422 and the rest.
 * A context-window overflow gets code "context_length_exceeded" so the gateway can fall back to
 * a model with a larger window.
 */
export function classifyUpstreamError(
  provider: string,
  status: number,
  headers: HeaderBag,
  details: UpstreamErrorDetails,
): SwitchyardError {
  const contextOverflow =
    (status === 400 || status === 413 || status === 422) && isContextLengthError(details);
  const upstreamCode = contextOverflow
    ? "context_length_exceeded"
    : safeUpstreamToken(details.code);
  const error = classify(
    describeUpstreamFailure(provider, { status, code: upstreamCode }),
    status,
    retryAfterSeconds(headers),
    upstreamCode ?? undefined,
    safeUpstreamToken(details.param),
    contextOverflow,
  );
  return reported(error, upstreamReport(provider, status, upstreamCode, details.message));
}

function classify(
  message: string,
  status: number,
  retryAfter: number | undefined,
  code: string | undefined,
  param: string | null,
  contextOverflow: boolean,
): SwitchyardError {
  const base = retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter };
  if (contextOverflow) {
    return new SwitchyardError(message, {
      status: 400,
      code: "context_length_exceeded",
      type: "invalid_request_error",
      param: param ?? "messages",
    });
  }
  if (status === 400 || status === 422) {
    return new SwitchyardError(message, {
      status: 400,
      code: code ?? "invalid_request",
      type: "invalid_request_error",
      param,
    });
  }
  if (status === 413) {
    return new SwitchyardError(message, {
      status: 413,
      code: "request_too_large",
      type: "request_too_large",
    });
  }
  if (status === 401 || status === 403) {
    return new SwitchyardError(message, {
      status: 502,
      code: status === 401 ? "upstream_authentication_error" : "upstream_permission_error",
      type: "upstream_error",
    });
  }
  if (status === 404) {
    return new SwitchyardError(message, {
      status: 502,
      code: "upstream_not_found",
      type: "upstream_error",
    });
  }
  if (status === 429) {
    return new SwitchyardError(message, {
      ...base,
      status: 429,
      code: code ?? "rate_limit_exceeded",
      type: "rate_limit_error",
      retryable: true,
    });
  }
  if (status === 408) {
    return new SwitchyardError(message, {
      ...base,
      status: 504,
      code: "upstream_timeout",
      type: "timeout_error",
      retryable: true,
    });
  }
  if (status === 503 || status === 529) {
    return new SwitchyardError(message, {
      ...base,
      status: 503,
      code: "upstream_overloaded",
      type: "overloaded_error",
      retryable: true,
    });
  }
  if (status === 409 || status >= 500) {
    return new SwitchyardError(message, {
      ...base,
      status: 502,
      code: "upstream_error",
      type: "upstream_error",
      retryable: true,
    });
  }
  return new SwitchyardError(message, {
    status: 502,
    code: "upstream_error",
    type: "upstream_error",
  });
}

/** Best-effort message from an error body that is not JSON (an HTML error page, plain text). */
export function plainErrorMessage(status: number, bodyText: string): string {
  const text = bodyText.trim().slice(0, 300);
  return text === "" || text.startsWith("<") ? `HTTP ${status}` : text;
}
