import { describe, expect, it } from "vitest";
import type { RequestDetail } from "./contract";
import { tokenClassParts } from "./token-classes";

const request = (over: Partial<RequestDetail>) =>
  ({
    inputTokens: 1000,
    outputTokens: 300,
    cachedInputTokens: 0,
    cacheWrite5mTokens: 0,
    cacheWrite1hTokens: 0,
    reasoningTokens: 0,
    ...over,
  }) as RequestDetail;

describe("token classes of a request", () => {
  it("lists the classes priced apart, uncached input being what is left", () => {
    expect(
      tokenClassParts(
        request({
          cachedInputTokens: 600,
          cacheWrite5mTokens: 100,
          cacheWrite1hTokens: 50,
          reasoningTokens: 40,
        }),
      ),
    ).toEqual([
      "250 uncached input",
      "600 cached input",
      "100 cache write (5 min)",
      "50 cache write (1 h)",
      "260 output",
      "40 reasoning",
    ]);
  });

  it("says nothing more for plain input and output", () => {
    expect(tokenClassParts(request({}))).toEqual([]);
    expect(tokenClassParts(request({ reasoningTokens: 10 }))).toEqual([
      "1,000 uncached input",
      "290 output",
      "10 reasoning",
    ]);
  });
});
