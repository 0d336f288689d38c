import { describe, expect, it } from "vitest";
import { callCost, commonPair, modelPair, parseOutcomeLines, parsePrices } from "./outcomes";

const record = (id: string) =>
  JSON.stringify({
    id,
    messages: [{ role: "user", content: "2+2?" }],
    outcomes: {
      big: { score: 1, response: "4", input_tokens: 10, output_tokens: 2 },
      small: { score: 0, response: null, input_tokens: 10, output_tokens: 3 },
    },
  });

describe("outcome files", () => {
  it("parses JSONL through the schema", () => {
    const records = parseOutcomeLines(`${record("a")}\n\n${record("b")}\n`);
    expect(records.map((r) => r.id)).toEqual(["a", "b"]);
  });

  it("names the bad line", () => {
    expect(() => parseOutcomeLines(`${record("a")}\n{"id": 3}`)).toThrow(/^line 2:/);
    expect(() => parseOutcomeLines("not json")).toThrow("line 1: not valid JSON");
  });

  it("cheap = the cheaper model per the prices file, whatever the names", () => {
    const prices = parsePrices({
      note: "per million",
      big: { input: 10, output: 30 },
      small: { input: 0.2, output: 0.2 },
    });
    const records = parseOutcomeLines(record("a"));
    expect(modelPair(records, prices)).toEqual({ cheap: "small", strong: "big" });
    expect(() => modelPair(records, parsePrices({ big: { input: 1, output: 1 } }))).toThrow(
      'no price for model "small"',
    );
    const outcome = records[0]?.outcomes.big;
    if (!outcome) throw new Error("missing");
    expect(callCost(outcome, { input: 10, output: 30 })).toBeCloseTo((10 * 10 + 2 * 30) / 1e6, 15);
  });

  it("picks a mixed file's most common pair and keeps the records that hold it", () => {
    const prices = parsePrices({
      big: { input: 10, output: 30 },
      small: { input: 0.2, output: 0.2 },
      mid: { input: 1, output: 1 },
    });
    const row = (id: string, cheap: string, extra: object = {}) =>
      JSON.stringify({
        id,
        messages: [{ role: "user", content: id }],
        outcomes: {
          big: { score: 1, response: "4", input_tokens: 10, output_tokens: 2 },
          [cheap]: { score: 0, response: null, input_tokens: 10, output_tokens: 3 },
        },
        ...extra,
      });
    const mixed = parseOutcomeLines(
      [
        row("a", "small"),
        row("b", "mid"),
        row("c", "small"),
        row("d", "small", { cheap: "small", strong: "big" }),
      ].join("\n"),
    );
    const chosen = commonPair(mixed, prices);
    expect(chosen.pair).toEqual({ cheap: "small", strong: "big" });
    expect(chosen.records.map((r) => r.id)).toEqual(["a", "c", "d"]);
    expect(chosen.pairs).toBe(2);
    const single = commonPair(parseOutcomeLines(record("a")), prices);
    expect(single).toMatchObject({ pair: { cheap: "small", strong: "big" }, pairs: 1 });
    expect(single.records).toHaveLength(1);
  });
});
