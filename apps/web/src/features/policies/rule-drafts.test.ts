import { describe, expect, it } from "vitest";
import { ruleDrafts, rulesOf } from "./components/rule-list";

describe("the form view's rules", () => {
  it("keep a rule's private flag (calibration never samples it) through an edit", () => {
    const rules = [
      { name: "hr", when: { task: ["hr"] }, target: { model: "large" }, private: true },
      { name: "code", when: { task: ["code"] }, target: { model: "large" } },
    ];
    const drafts = ruleDrafts(rules);
    expect(drafts.map((draft) => draft.private)).toEqual([true, undefined]);
    expect(rulesOf(drafts)).toEqual(rules);
  });
});
