import { errorParser } from "../shared/error-parser";
import type { HeaderBag } from "../shared/upstream-error";
import { geminiErrorSchema } from "./gemini-schema";

/**
 * Google's `{ error: { code, message, status, details } }` (sometimes wrapped in an array) → typed
 * error. A RetryInfo detail's retryDelay ("37s") stands in for a missing retry-after header.
 */
export const parseGeminiError = errorParser(
  "Gemini",
  geminiErrorSchema,
  (body, status, headers) => {
    const { message, status: errorStatus, details } = body.error;
    const retryDelay = details?.find((detail) => detail.retryDelay !== undefined)?.retryDelay;
    const seconds = retryDelay ? Number.parseFloat(retryDelay) : Number.NaN;
    const withRetry: HeaderBag =
      Number.isFinite(seconds) && headers["retry-after"] === undefined
        ? { ...headers, "retry-after": String(seconds) }
        : headers;
    // Google answers a bad API key with 400 INVALID_ARGUMENT; it is an authentication failure.
    const badKey = details?.some((detail) => detail.reason === "API_KEY_INVALID") ?? false;
    return {
      status: badKey ? 401 : status,
      headers: withRetry,
      details: { message, code: errorStatus === "INVALID_ARGUMENT" ? null : (errorStatus ?? null) },
    };
  },
  (json) => (Array.isArray(json) ? json[0] : json),
);
