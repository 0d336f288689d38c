import { describe, expect, it } from "vitest";
import { lineDiff, prettyJson } from "./line-diff";

describe("lineDiff", () => {
  it("marks changed lines as removed then added, keeping common lines", () => {
    const before = prettyJson({ defaultModel: "small", threshold: 0.4 });
    const after = prettyJson({ defaultModel: "small", threshold: 0.6 });
    expect(lineDiff(before, after)).toEqual([
      { kind: "same", text: "{" },
      { kind: "same", text: '  "defaultModel": "small",' },
      { kind: "removed", text: '  "threshold": 0.4' },
      { kind: "added", text: '  "threshold": 0.6' },
      { kind: "same", text: "}" },
    ]);
  });

  it("handles insertions at the end and identical texts", () => {
    expect(lineDiff("a\nb", "a\nb\nc").map((l) => l.kind)).toEqual(["same", "same", "added"]);
    expect(lineDiff("x", "x")).toEqual([{ kind: "same", text: "x" }]);
    expect(lineDiff("a\nb", "b").map((l) => l.kind)).toEqual(["removed", "same"]);
  });
});
