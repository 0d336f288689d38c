import { describe, expect, it } from "vitest";
import { parseControls, stripControls } from "./controls";

const defaults = { delayMs: 5, chunkDelayMs: 1, chunks: 8 };

describe("controls", () => {
  it("reads every token from the model name", () => {
    const controls = parseControls(
      "gpt-4o+mock-delay-50+mock-chunk-delay-5+mock-chunks-12+mock-error-429+mock-retry-after-9+mock-cut-3+mock-fail-first-2+mock-grade-8+mock-quality-4+mock-judge+mock-timeout",
      {},
      defaults,
    );
    expect(controls).toEqual({
      delayMs: 50,
      chunkDelayMs: 5,
      chunks: 12,
      errorStatus: 429,
      retryAfterSeconds: 9,
      timeout: true,
      cutAfter: 3,
      failFirst: 2,
      grade: 8,
      quality: 4,
      judge: true,
      tokenClasses: { cached: 0, cacheWrite5m: 0, cacheWrite1h: 0, reasoning: 0 },
    });
  });

  it("reads token-class controls from the model name and headers", () => {
    expect(
      parseControls("m+mock-cached-600+mock-cache-write-1h-50+mock-cache-write-100", {}, defaults)
        .tokenClasses,
    ).toEqual({ cached: 600, cacheWrite5m: 100, cacheWrite1h: 50, reasoning: 0 });
    expect(stripControls("m+mock-cached-600+mock-reasoning-9")).toBe("m");
    expect(
      parseControls(
        "m",
        {
          "x-mock-cached-tokens": "7",
          "x-mock-cache-write-tokens": "8",
          "x-mock-cache-write-1h-tokens": "9",
          "x-mock-reasoning-tokens": "10",
        },
        defaults,
      ).tokenClasses,
    ).toEqual({ cached: 7, cacheWrite5m: 8, cacheWrite1h: 9, reasoning: 10 });
  });

  it("lets headers override the model name, and keeps defaults otherwise", () => {
    const controls = parseControls(
      "gpt-4o-mock-delay-50",
      {
        "x-mock-delay-ms": "10",
        "x-mock-error": "503",
        "x-mock-timeout": "false",
        "x-mock-chunks": "0",
      },
      defaults,
    );
    expect(controls.delayMs).toBe(10);
    expect(controls.errorStatus).toBe(503);
    expect(controls.timeout).toBe(false);
    expect(controls.chunks).toBe(1);
    expect(controls.chunkDelayMs).toBe(1);
    expect(
      parseControls("gpt-4o", { "x-mock-error": "200" }, defaults).errorStatus,
    ).toBeUndefined();
  });

  it("strips control tokens from the model name", () => {
    expect(stripControls("gpt-4o+mock-delay-50")).toBe("gpt-4o");
    expect(stripControls("claude-haiku-4-5-mock-error-429-mock-retry-after-3")).toBe(
      "claude-haiku-4-5",
    );
    expect(stripControls("mock-timeout")).toBe("mock");
    expect(stripControls("grader+mock-grade-7")).toBe("grader");
    expect(stripControls("mock-llm-small")).toBe("mock-llm-small");
  });
});
