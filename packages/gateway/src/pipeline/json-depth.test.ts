import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./json-depth";

const arrays = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
const objects = (depth: number) => `${'{"a":'.repeat(depth - 1)}{}${"}".repeat(depth - 1)}`;

describe("nestsDeeperThan", () => {
  it("counts arrays and objects, mixed", () => {
    expect(nestsDeeperThan(arrays(MAX_JSON_DEPTH))).toBe(false);
    expect(nestsDeeperThan(arrays(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(nestsDeeperThan(objects(MAX_JSON_DEPTH))).toBe(false);
    expect(nestsDeeperThan(objects(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(nestsDeeperThan(`{"a":[{"b":[${arrays(3)}]}]}`, 7)).toBe(false);
    expect(nestsDeeperThan(`{"a":[{"b":[${arrays(3)}]}]}`, 6)).toBe(true);
    expect(nestsDeeperThan(arrays(100_000))).toBe(true);
  });

  it("does not count brackets inside strings, escaped quotes included", () => {
    const inString = JSON.stringify({ text: `${"[{".repeat(500)} " \\" \\\\" ${arrays(300)}` });
    expect(nestsDeeperThan(inString, 2)).toBe(false);
    expect(nestsDeeperThan(`[${inString}]`, 1)).toBe(true);
    expect(nestsDeeperThan(`["\\\\", ${arrays(4)}]`, 4)).toBe(true);
    expect(nestsDeeperThan(`["\\"", ${arrays(4)}]`, 4)).toBe(true);
    expect(nestsDeeperThan(`["\\"]]]]]", ${arrays(4)}]`, 4)).toBe(true);
  });

  it("many siblings are not depth", () => {
    const wide = JSON.stringify({ messages: Array.from({ length: 1000 }, () => ({ a: [1] })) });
    expect(nestsDeeperThan(wide)).toBe(false);
  });

  it("leaves malformed text to JSON.parse", () => {
    expect(nestsDeeperThan('["unterminated')).toBe(false);
    expect(nestsDeeperThan(`${"[".repeat(200)}"open`)).toBe(true);
    expect(nestsDeeperThan("]]]]")).toBe(false);
  });
});
