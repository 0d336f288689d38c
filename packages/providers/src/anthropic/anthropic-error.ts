import { z } from "zod";
import { errorParser } from "../shared/error-parser";

const anthropicErrorSchema = z.looseObject({
  type: z.literal("error"),
  error: z.looseObject({ type: z.string(), message: z.string() }),
});

/** `{ type: "error", error: { type, message } }` → typed error (529 overloaded is retryable). */
export const parseAnthropicError = errorParser("Anthropic", anthropicErrorSchema, (body) => {
  const { type, message } = body.error;
  return { details: { message, code: type === "invalid_request_error" ? null : type } };
});

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
