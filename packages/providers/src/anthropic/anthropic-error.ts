import type { SwitchyardError } from "@switchyard/core";
import { z } from "zod";
import { classifyUpstreamError, type HeaderBag, plainErrorMessage } from "../shared/upstream-error";

const anthropicErrorSchema = z.looseObject({
  type: z.literal("error"),
  error: z.looseObject({ type: z.string(), message: z.string() }),
});

/** `{ type: "error", error: { type, message } }` → typed error (529 overloaded is retryable). */
export function parseAnthropicError(
  status: number,
  headers: HeaderBag,
  bodyText: string,
): SwitchyardError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    parsed = undefined;
  }
  const body = anthropicErrorSchema.safeParse(parsed);
  if (!body.success) {
    return classifyUpstreamError("Anthropic", status, headers, {
      message: plainErrorMessage(status, bodyText),
    });
  }
  const { type, message } = body.data.error;
  return classifyUpstreamError("Anthropic", status, headers, {
    message,
    code: type === "invalid_request_error" ? null : type,
  });
}

/** The HTTP status an in-stream `error` event stands for. */
export function anthropicErrorStatus(type: string): number {
  switch (type) {
    case "overloaded_error":
      return 529;
    case "rate_limit_error":
      return 429;
    case "invalid_request_error":
      return 400;
    case "request_too_large":
      return 413;
    case "authentication_error":
      return 401;
    case "permission_error":
      return 403;
    case "not_found_error":
      return 404;
    default:
      return 500;
  }
}
