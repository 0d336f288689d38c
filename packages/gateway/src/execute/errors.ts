import { SwitchyardError, timeoutError, upstreamError } from "@switchyard/core";
import { isAddressDenied } from "@switchyard/core/network";
import { rewordUpstreamError } from "@switchyard/providers";

/** The caller went away; not an error of the request, accounted as client_closed. */
export class ClientClosedError extends Error {
  constructor() {
    super("Client closed the request");
    this.name = "ClientClosedError";
  }
}

/** The response for a request whose client left (nginx's 499); nobody is there to read it. */
export const clientClosedResponse = () =>
  new SwitchyardError("Client closed the request.", {
    status: 499,
    code: "client_closed",
    type: "api_error",
  });

/** The whole-attempt deadline passed. */
export class AttemptTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`Upstream attempt exceeded ${ms} ms`);
    this.name = "AttemptTimeoutError";
  }
}

export const ADDRESS_DENIED_CODE = "upstream_address_denied";

/**
 * The upstream is at an address the instance's policy refuses (SSRF guard). Says nothing about
 * what is there, not even the address; not retryable (the next deployment of the plan may be
 * tried).
 */
export const addressDeniedError = (model: string, cause?: unknown) =>
  upstreamError(
    `The provider of '${model}' is at an address this gateway may not connect to (private, loopback, link-local or metadata). An administrator can allow it with SWITCHYARD_ALLOWED_PRIVATE_HOSTS.`,
    { retryable: false, code: ADDRESS_DENIED_CODE, cause },
  );

/**
 * Every target of a plan is skipped by its open circuit breaker: a 503 (Anthropic: overloaded)
 * with a retry-after, at once, without calling any upstream.
 */
export const unavailableError = (model: string, fallbacks: number, retryAfterSeconds: number) =>
  new SwitchyardError(
    `The provider of '${model}'${fallbacks === 0 ? " is" : ` and its ${fallbacks === 1 ? "fallback" : `${fallbacks} fallbacks`} are`} unavailable after repeated failures; try again in ${retryAfterSeconds} s.`,
    {
      status: 503,
      code: "upstream_unavailable",
      type: "overloaded_error",
      retryAfterSeconds,
    },
  );

const retryableNetworkCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
]);

/** Any failure of one upstream attempt as a typed error (retryable when another try may help). */
export function classifyUpstreamFailure(
  error: unknown,
  model: string,
): SwitchyardError | ClientClosedError {
  if (error instanceof ClientClosedError) return error;
  // An upstream's error is told about the model it served (its own words stay in its report).
  if (error instanceof SwitchyardError)
    return rewordUpstreamError(error, `The provider of '${model}'`);
  if (isAddressDenied(error)) return addressDeniedError(model, error);
  if (error instanceof AttemptTimeoutError) {
    return timeoutError(`Model '${model}' did not finish within ${error.ms} ms.`);
  }
  if (error instanceof SyntaxError) {
    return upstreamError(`The provider of '${model}' returned a response that is not valid JSON.`, {
      retryable: false,
      cause: error,
    });
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "UND_ERR_HEADERS_TIMEOUT") {
    return timeoutError(`Model '${model}' did not start answering in time.`);
  }
  if (code === "UND_ERR_BODY_TIMEOUT") {
    return timeoutError(`Model '${model}' stopped sending data.`);
  }
  if (code === "UND_ERR_CONNECT_TIMEOUT") {
    return timeoutError(`Could not connect to the provider of '${model}' in time.`);
  }
  if (typeof code === "string" && retryableNetworkCodes.has(code)) {
    return upstreamError(`The provider of '${model}' could not be reached (${code}).`, {
      retryable: true,
      cause: error,
    });
  }
  return upstreamError(`The provider of '${model}' failed.`, { retryable: true, cause: error });
}
