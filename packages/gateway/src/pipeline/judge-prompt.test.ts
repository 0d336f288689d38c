import { describe, expect, it } from "vitest";
import { JUDGE_INSTRUCTIONS, judgeMessages, parseGrade } from "./judge-prompt";

describe("parseGrade", () => {
  it("turns a bare integer grade into grade / 10", () => {
    expect(parseGrade("8")).toBe(0.8);
    expect(parseGrade("10")).toBe(1);
    expect(parseGrade("1")).toBe(0.1);
    expect(parseGrade("0")).toBe(0);
    expect(parseGrade(" 7\n")).toBe(0.7);
  });

  it("accepts the usual decorations around one integer", () => {
    expect(parseGrade("7.")).toBe(0.7);
    expect(parseGrade("7/10")).toBe(0.7);
    expect(parseGrade("7 / 10")).toBe(0.7);
    expect(parseGrade("Grade: 6")).toBe(0.6);
    expect(parseGrade("rating 9/10")).toBe(0.9);
    expect(parseGrade("Score=3")).toBe(0.3);
    expect(parseGrade("**5**")).toBe(0.5);
  });

  it("rejects anything that is not exactly one grade", () => {
    for (const reply of [
      null,
      "",
      "eight",
      "11",
      "42",
      "-3",
      "7.5",
      "7 or 8",
      "7-8",
      "8/100",
      "I would give it an 8.",
      "8 because the reasoning is sound",
      "Grade: ",
      "The reply is correct and complete.",
    ])
      expect(parseGrade(reply), String(reply)).toBeNull();
  });
});

describe("judgeMessages", () => {
  it("puts the instructions first, then the conversation and the reply to grade", () => {
    const messages = judgeMessages(
      [
        { role: "system", content: "Answer in French." },
        { role: "user", content: [{ type: "text", text: "What is 2+2?" }] },
        { role: "assistant", content: null },
      ],
      "Quatre.",
    );
    expect(messages[0]).toEqual({ role: "system", content: JUDGE_INSTRUCTIONS });
    expect(messages[1]?.role).toBe("user");
    expect(messages[1]?.content).toBe(
      "<conversation>\nsystem: Answer in French.\nuser: What is 2+2?\n</conversation>\n\n" +
        "<reply>\nQuatre.\n</reply>\n\n" +
        "Grade the reply from 1 to 10. Answer with the integer only.",
    );
  });

  it("grades an empty reply as an empty reply", () => {
    const messages = judgeMessages([{ role: "user", content: "Hi" }], null);
    expect(messages[1]?.content).toContain("<reply>\n\n</reply>");
  });
});
