import type { SwitchyardError } from "@switchyard/core";
import { classifyUpstreamError, type HeaderBag, plainErrorMessage } from "../shared/upstream-error";
import { geminiErrorSchema } from "./gemini-schema";

/**
 * Google's `{ error: { code, message, status, details } }` (sometimes wrapped in an array) → typed
 * error. A RetryInfo detail's retryDelay ("37s") stands in for a missing retry-after header.
 */
export function parseGeminiError(
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
  if (Array.isArray(parsed)) parsed = parsed[0];
  const body = geminiErrorSchema.safeParse(parsed);
  if (!body.success) {
    return classifyUpstreamError("Gemini", status, headers, {
      message: plainErrorMessage(status, bodyText),
    });
  }
  const { message, status: errorStatus, details } = body.data.error;
  const retryDelay = details?.find((detail) => detail.retryDelay !== undefined)?.retryDelay;
  const seconds = retryDelay ? Number.parseFloat(retryDelay) : Number.NaN;
  const withRetry: HeaderBag =
    Number.isFinite(seconds) && headers["retry-after"] === undefined
      ? { ...headers, "retry-after": String(seconds) }
      : headers;
  // Google answers a bad API key with 400 INVALID_ARGUMENT; it is an authentication failure.
  const badKey = details?.some((detail) => detail.reason === "API_KEY_INVALID") ?? false;
  return classifyUpstreamError("Gemini", badKey ? 401 : status, withRetry, {
    message,
    code: errorStatus === "INVALID_ARGUMENT" ? null : (errorStatus ?? null),
  });
}
