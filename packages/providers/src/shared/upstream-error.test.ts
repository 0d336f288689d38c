import { describe, expect, it } from "vitest";
import { classifyUpstreamError, isContextLengthError, retryAfterSeconds } from "./upstream-error";

describe("isContextLengthError", () => {
  it.each([
    "This model's maximum context length is 65536 tokens. However, you requested 70000 tokens.",
    "prompt is too long: 208310 tokens > 200000 maximum",
    "The input token count (1200345) exceeds the maximum number of tokens allowed (1048576).",
    "Prompt contains 40000 tokens and 0 draft tokens, too large for model with 32768 maximum context length",
    "Please reduce the length of the messages or completion.",
    "input length and `max_tokens` exceed context limit: 198000 + 8192 > 200000",
  ])("recognises %s", (message) => {
    expect(isContextLengthError({ message })).toBe(true);
  });

  it("ignores other bad requests", () => {
    expect(isContextLengthError({ message: "Invalid value for 'temperature'" })).toBe(false);
    expect(isContextLengthError({ message: "x", code: "context_length_exceeded" })).toBe(true);
  });
});

describe("retryAfterSeconds", () => {
  it("prefers retry-after-ms, accepts seconds and HTTP dates, ignores junk", () => {
    expect(retryAfterSeconds({ "retry-after-ms": "1500", "retry-after": "9" })).toBe(1.5);
    expect(retryAfterSeconds({ "Retry-After": "4" })).toBe(4);
    expect(retryAfterSeconds({ "retry-after": ["7", "8"] })).toBe(7);
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(retryAfterSeconds({ "retry-after": "Wed, 01 Jan 2025 00:00:30 GMT" }, now)).toBe(30);
    expect(retryAfterSeconds({ "retry-after": "soon" })).toBeUndefined();
    expect(retryAfterSeconds({})).toBeUndefined();
  });
});

describe("classifyUpstreamError", () => {
  it.each([
    [408, true, 504],
    [409, true, 502],
    [429, true, 429],
    [500, true, 502],
    [502, true, 502],
    [503, true, 503],
    [529, true, 503],
    [400, false, 400],
    [401, false, 502],
    [403, false, 502],
    [404, false, 502],
    [413, false, 413],
    [422, false, 400],
  ])("HTTP %i → retryable %s, status %i", (status, retryable, exposed) => {
    const error = classifyUpstreamError("P", status, { "retry-after": "2" }, { message: "boom" });
    expect(error.retryable).toBe(retryable);
    expect(error.status).toBe(exposed);
    expect(error.message).toBe("P: boom");
    if (retryable) expect(error.retryAfterSeconds).toBe(2);
  });
});
