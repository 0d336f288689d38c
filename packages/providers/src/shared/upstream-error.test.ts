import { describe, expect, it } from "vitest";
import { classifyUpstreamError, isContextLengthError, retryAfterSeconds } from "./upstream-error";
import {
  describeUpstreamFailure,
  rewordUpstreamError,
  upstreamErrorReport,
} from "./upstream-report";

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
    expect(error.message).toMatch(new RegExp(`^P [a-z ]+ \\(HTTP ${status}\\)\\.$`));
    if (retryable) expect(error.retryAfterSeconds).toBe(2);
  });

  it("tells our own message with the upstream's status and code, never the upstream's text", () => {
    const secret = "Bearer sk-live-0123456789abcdef";
    const error = classifyUpstreamError(
      "OpenAI",
      400,
      {},
      {
        message: `maximum context length exceeded (key ${secret})`,
        code: "context_length_exceeded",
        param: "messages",
      },
    );
    expect(error.message).toBe(
      "OpenAI refused the request (HTTP 400, code context_length_exceeded).",
    );
    expect(error.param).toBe("messages");
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(secret);
    // Kept beside the error for the gateway's (redacted) debug log, and for nothing else.
    expect(upstreamErrorReport(error)).toEqual({
      provider: "OpenAI",
      status: 400,
      code: "context_length_exceeded",
      message: `maximum context length exceeded (key ${secret})`,
    });
  });

  it("classifies a context overflow on the upstream's message without returning it", () => {
    const error = classifyUpstreamError("Anthropic", 400, {}, { message: "prompt is too long" });
    expect(error.code).toBe("context_length_exceeded");
    expect(error.message).toBe(
      "Anthropic refused the request (HTTP 400, code context_length_exceeded).",
    );
  });

  it("drops a code or param that does not look like one", () => {
    const error = classifyUpstreamError(
      "P",
      429,
      {},
      { message: "slow down", code: "Bearer sk-live-0123 4567", param: "a b" },
    );
    expect(error.code).toBe("rate_limit_exceeded");
    expect(error.param).toBeNull();
    expect(error.message).toBe("P is rate limiting requests (HTTP 429).");
  });

  it("rewords an error for the model it stands for, keeping its report", () => {
    const error = classifyUpstreamError("P", 503, { "retry-after": "4" }, { message: "down" });
    const reworded = rewordUpstreamError(error, "The provider of 'gpt-4o'");
    expect(reworded.message).toBe("The provider of 'gpt-4o' is overloaded (HTTP 503).");
    expect(reworded).toMatchObject({ status: 503, retryable: true, retryAfterSeconds: 4 });
    expect(upstreamErrorReport(reworded)?.message).toBe("down");
  });
});

describe("describeUpstreamFailure", () => {
  it.each([
    [400, "refused the request"],
    [401, "refused the request"],
    [408, "timed out"],
    [429, "is rate limiting requests"],
    [500, "failed"],
    [503, "is overloaded"],
    [529, "is overloaded"],
  ])("HTTP %i: %s", (status, said) => {
    expect(describeUpstreamFailure("X", { status, code: null })).toBe(
      `X ${said} (HTTP ${status}).`,
    );
  });

  it("says an error without a status was an answer", () => {
    expect(describeUpstreamFailure("X", { status: null, code: "server_error" })).toBe(
      "X answered with an error (code server_error).",
    );
  });
});
