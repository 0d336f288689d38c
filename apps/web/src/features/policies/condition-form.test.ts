import { describe, expect, it } from "vitest";
import { conditionOf, draftOf } from "./condition-form";

describe("condition drafts", () => {
  it("round-trips simple conditions", () => {
    for (const condition of [
      { promptChars: { max: 40 } },
      { promptTokens: { min: 100, max: 2000 } },
      { keywords: ["how many", "solve"] },
      { regex: "```" },
      { task: ["code"] },
      { exceedsContextOf: "demo-small" },
    ]) {
      expect(conditionOf(draftOf(condition))).toEqual(condition);
    }
  });

  it("keeps combinations and extra options as JSON", () => {
    const combined = { any: [{ task: ["math"] }, { keywords: ["solve"] }] };
    const draft = draftOf(combined);
    expect(draft.kind).toBe("json");
    expect(conditionOf(draft)).toEqual(combined);
    expect(draftOf({ regex: "x", regexFlags: "i" }).kind).toBe("json");
  });

  it("parses lists and leaves unparsable JSON for the schema to reject", () => {
    expect(conditionOf({ kind: "task", text: " code, math ,", min: "", max: "" })).toEqual({
      task: ["code", "math"],
    });
    expect(conditionOf({ kind: "json", text: "{oops", min: "", max: "" })).toBe("{oops");
  });
});
