import { describe, expect, it } from "vitest";
import { generateText, naturalLength } from "./text-generator";
import { WORDS } from "./words";

describe("generateText", () => {
  it("is deterministic and made of real words in sentences", () => {
    const first = generateText(1234, 50);
    expect(generateText(1234, 50)).toEqual(first);
    expect(generateText(4321, 50).text).not.toBe(first.text);
    const vocabulary = new Set(WORDS);
    for (const word of first.text.toLowerCase().replace(/\./g, "").split(" "))
      expect(vocabulary.has(word)).toBe(true);
    expect(first.text).toMatch(/^[A-Z].*\.$/);
    expect(first.truncated).toBe(false);
  });

  it("grows with the prompt, within a clamp", () => {
    expect(naturalLength(0, 1000)).toBeGreaterThan(naturalLength(0, 100));
    expect(naturalLength(0, 1_000_000)).toBe(400);
    expect(naturalLength(0, 0)).toBeGreaterThanOrEqual(8);
    const tokens = (text: string) => Math.ceil(text.length / 4);
    const natural = naturalLength(77, 200);
    expect(tokens(generateText(77, 200).text)).toBeGreaterThan(natural - 6);
    expect(tokens(generateText(77, 200).text)).toBeLessThanOrEqual(natural);
  });

  it("never exceeds max tokens and says when it was cut", () => {
    for (const max of [0, 1, 3, 10, 25]) {
      const result = generateText(9, 400, max);
      expect(Math.ceil(result.text.length / 4)).toBeLessThanOrEqual(max);
      expect(result.truncated).toBe(true);
    }
    expect(generateText(9, 10, 10_000).truncated).toBe(false);
  });
});
