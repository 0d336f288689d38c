/**
 * Typed errors shared by every package. Each carries an HTTP status, a stable code, the OpenAI
 * error `type` it maps to, and whether a retry (or a fallback to another deployment) may help.
 */
export type ErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "not_found_error"
  | "rate_limit_error"
  /** A spend budget is exhausted (402): not worth retrying until the budget resets or grows. */
  | "insufficient_quota"
  | "request_too_large"
  | "upstream_error"
  | "timeout_error"
  | "overloaded_error"
  | "api_error";

export interface SwitchyardErrorOptions {
  status: number;
  code: string;
  type: ErrorType;
  retryable?: boolean;
  param?: string | null;
  /** Seconds the caller should wait (429/503), sent as retry-after. */
  retryAfterSeconds?: number;
  headers?: Record<string, string>;
  cause?: unknown;
}

export class SwitchyardError extends Error {
  readonly status: number;
  readonly code: string;
  readonly type: ErrorType;
  readonly retryable: boolean;
  readonly param: string | null;
  readonly retryAfterSeconds: number | undefined;
  readonly headers: Record<string, string>;

  constructor(message: string, options: SwitchyardErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "SwitchyardError";
    this.status = options.status;
    this.code = options.code;
    this.type = options.type;
    this.retryable = options.retryable ?? false;
    this.param = options.param ?? null;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.headers = options.headers ?? {};
  }
}

export const invalidRequest = (
  message: string,
  param: string | null = null,
  code = "invalid_request",
) => new SwitchyardError(message, { status: 400, code, type: "invalid_request_error", param });

export const unauthorized = (message: string, code = "invalid_api_key") =>
  new SwitchyardError(message, { status: 401, code, type: "authentication_error" });

export const forbidden = (message: string, code = "permission_denied") =>
  new SwitchyardError(message, { status: 403, code, type: "permission_error" });

export const notFound = (message: string, code = "not_found", param: string | null = null) =>
  new SwitchyardError(message, { status: 404, code, type: "not_found_error", param });

export const payloadTooLarge = (message: string) =>
  new SwitchyardError(message, {
    status: 413,
    code: "request_too_large",
    type: "request_too_large",
  });

export const rateLimited = (
  message: string,
  retryAfterSeconds: number,
  code = "rate_limit_exceeded",
) =>
  new SwitchyardError(message, { status: 429, code, type: "rate_limit_error", retryAfterSeconds });

/**
 * 402, not 429: the official SDKs retry a 429, and retrying cannot help an exhausted budget. The
 * OpenAI type is the one OpenAI uses for an exhausted quota; Anthropic's shape says billing_error.
 */
export const budgetExceeded = (message: string, headers: Record<string, string> = {}) =>
  new SwitchyardError(message, {
    status: 402,
    code: "budget_exceeded",
    type: "insufficient_quota",
    headers,
  });

export const upstreamError = (
  message: string,
  options: {
    status?: number;
    retryable: boolean;
    retryAfterSeconds?: number;
    code?: string;
    cause?: unknown;
  },
) =>
  new SwitchyardError(message, {
    status: options.status ?? 502,
    code: options.code ?? "upstream_error",
    type: "upstream_error",
    retryable: options.retryable,
    ...(options.retryAfterSeconds === undefined
      ? {}
      : { retryAfterSeconds: options.retryAfterSeconds }),
    cause: options.cause,
  });

export const timeoutError = (message: string) =>
  new SwitchyardError(message, {
    status: 504,
    code: "upstream_timeout",
    type: "timeout_error",
    retryable: true,
  });

export const isSwitchyardError = (error: unknown): error is SwitchyardError =>
  error instanceof SwitchyardError;

/** Any thrown value as a SwitchyardError; unknown errors become a 500 that leaks nothing. */
export function toSwitchyardError(error: unknown): SwitchyardError {
  if (isSwitchyardError(error)) return error;
  return new SwitchyardError("Internal server error", {
    status: 500,
    code: "internal_error",
    type: "api_error",
    cause: error,
  });
}

export interface OpenAIErrorBody {
  error: { message: string; type: string; code: string | null; param: string | null };
}

/** The OpenAI error shape: `{ error: { message, type, code, param } }`. */
export function toOpenAIError(error: unknown): {
  status: number;
  body: OpenAIErrorBody;
  headers: Record<string, string>;
} {
  const e = toSwitchyardError(error);
  return {
    status: e.status,
    body: { error: { message: e.message, type: e.type, code: e.code, param: e.param } },
    headers: errorHeaders(e),
  };
}

const anthropicTypes: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  402: "billing_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  502: "api_error",
  503: "overloaded_error",
  504: "api_error",
  529: "overloaded_error",
};

export interface AnthropicErrorBody {
  type: "error";
  error: { type: string; message: string };
}

/** The Anthropic error shape: `{ type: "error", error: { type, message } }`. */
export function toAnthropicError(error: unknown): {
  status: number;
  body: AnthropicErrorBody;
  headers: Record<string, string>;
} {
  const e = toSwitchyardError(error);
  return {
    status: e.status,
    body: {
      type: "error",
      error: { type: anthropicTypes[e.status] ?? "api_error", message: e.message },
    },
    headers: errorHeaders(e),
  };
}

function errorHeaders(e: SwitchyardError): Record<string, string> {
  const headers = { ...e.headers };
  if (e.retryAfterSeconds !== undefined)
    headers["retry-after"] = String(Math.max(0, Math.ceil(e.retryAfterSeconds)));
  return headers;
}
