import { describe, expect, it } from "vitest";
import { approximateTokens, estimateRequestTokens, estimateTokens } from "./tokens";

describe("estimateTokens", () => {
  it("counts with the o200k_base tokenizer", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("hello world")).toBe(2);
    expect(estimateTokens("The quick brown fox jumps over the lazy dog.")).toBe(10);
  });

  it("extrapolates very long texts from their head", () => {
    const unit = "lorem ipsum dolor sit amet ";
    const long = unit.repeat(10_000);
    const exactForHead = estimateTokens(long.slice(0, 64 * 1024));
    const estimate = estimateTokens(long);
    expect(estimate).toBeGreaterThan(exactForHead * 4);
    expect(estimate).toBeLessThan(exactForHead * 4.2);
  });

  it("approximates as characters / 4", () => {
    expect(approximateTokens("12345678")).toBe(2);
    expect(approximateTokens("123456789")).toBe(3);
  });
});

describe("estimateRequestTokens", () => {
  it("adds message framing, images and tools", () => {
    const base = estimateRequestTokens({
      model: "m",
      messages: [{ role: "user", content: "hello world" }],
    });
    expect(base).toBe(3 + 3 + estimateTokens("hello world\n"));
    const withImage = estimateRequestTokens({
      model: "m",
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "hello world" },
            { type: "image_url", image_url: { url: "https://x/y.png", detail: "low" } },
          ],
        },
      ],
    });
    expect(withImage).toBe(base + 85);
    const withTools = estimateRequestTokens({
      model: "m",
      messages: [{ role: "user", content: "hello world" }],
      tools: [
        { type: "function", function: { name: "get_weather", parameters: { type: "object" } } },
      ],
    });
    expect(withTools).toBeGreaterThan(base + 5);
  });
});
