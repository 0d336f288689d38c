import { describe, expect, it } from "vitest";
import { testModels, testRequest } from "../testing/fixtures";
import { compilePolicy } from "./compile";
import { explain } from "./explain";
import { PolicyError } from "./policy-error";
import { type Condition, policySchema } from "./schema";

const base = { version: 1, defaultModel: "demo-small", baselineModel: "demo-large" };
const policyWith = (...conditions: Condition[]) => ({
  ...base,
  rules: conditions.map((when, i) => ({ name: `r${i}`, when, target: { model: "demo-large" } })),
});
const routeWith = (when: Condition, text: string) =>
  compilePolicy(policyWith(when), { models: testModels }).decide(testRequest(text)).trace.rule ===
  "r0";
const schemaIssues = (body: unknown) => {
  const parsed = policySchema.safeParse(body);
  return parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: i.path, message: i.message }));
};

describe("rule regexes (RE2 syntax, linear time)", () => {
  it("answers a catastrophic-backtracking pattern at once", () => {
    // A backtracking engine takes exponential time on this; RE2 reads the text once.
    const text = `${"a".repeat(40)}!`;
    expect(routeWith({ regex: "^(a+)+$" }, text)).toBe(false);
    expect(routeWith({ regex: "^(a|aa)+$" }, text)).toBe(false);
    expect(routeWith({ regex: "(x+x+)+y" }, "x".repeat(4000))).toBe(false);
    expect(routeWith({ regex: "^(a+)+$" }, "a".repeat(40))).toBe(true);
  });

  it("rejects backreferences and lookarounds at validation, with the field's path", () => {
    const body = policyWith(
      { task: ["code"] },
      { any: [{ task: ["x"] }, { regex: "(a)\\1" }] },
      { regex: "foo(?=bar)" },
      { not: { regex: "(?<!no)yes" } },
    );
    expect(schemaIssues(body)).toEqual([
      {
        path: ["rules", 1, "when", "any", 1, "regex"],
        message: expect.stringMatching(/backreference/),
      },
      { path: ["rules", 2, "when", "regex"], message: expect.stringMatching(/lookaround/) },
      { path: ["rules", 3, "when", "not", "regex"], message: expect.stringMatching(/lookaround/) },
    ]);
    expect(() => compilePolicy(body, { models: testModels })).toThrow(PolicyError);
    expect(() => compilePolicy(body, { models: testModels })).toThrow(
      /^rules\[1\]\.when\.any\[1\]\.regex: .*backreference/,
    );
  });

  it("rejects JavaScript-only escapes and patterns too large to run cheaply", () => {
    expect(schemaIssues(policyWith({ regex: "\\u00e9" }))).toEqual([
      {
        path: ["rules", 0, "when", "regex"],
        message: expect.stringMatching(/invalid regular expression/),
      },
    ]);
    expect(schemaIssues(policyWith({ regex: "[a-z]{1000}" }))).toEqual([
      { path: ["rules", 0, "when", "regex"], message: expect.stringMatching(/too large/) },
    ]);
    expect(schemaIssues(policyWith({ regex: "a".repeat(1001) }))[0]?.path).toEqual([
      "rules",
      0,
      "when",
      "regex",
    ]);
  });

  it("keeps the policy's flags: i, m, s (u is implied)", () => {
    expect(routeWith({ regex: "^translate", regexFlags: "i" }, "Translate this")).toBe(true);
    expect(routeWith({ regex: "^translate" }, "Translate this")).toBe(false);
    expect(routeWith({ regex: "^second", regexFlags: "m" }, "first\nsecond")).toBe(true);
    expect(routeWith({ regex: "^second" }, "first\nsecond")).toBe(false);
    expect(routeWith({ regex: "a.b", regexFlags: "s" }, "a\nb")).toBe(true);
    expect(routeWith({ regex: "a.b" }, "a\nb")).toBe(false);
    expect(routeWith({ regex: "^.$", regexFlags: "u" }, "😀")).toBe(true);
    expect(routeWith({ regex: "(?i)ÉTÉ" }, "un été")).toBe(true);
    expect(routeWith({ regex: "\\bdef |function\\s*\\(" }, "x = function (a) {}")).toBe(true);
  });

  it("reads only the first 4,096 characters of the prompt", () => {
    const filler = "x".repeat(4090);
    expect(routeWith({ regex: "needle" }, `${filler}needle`)).toBe(true);
    expect(routeWith({ regex: "needle" }, `${filler}x needle`)).toBe(false);
    expect(routeWith({ regex: "x$" }, `${filler}xxxxxxxxxx`)).toBe(true);
  });

  it("explain reports a regex rule the same way", () => {
    const compiled = compilePolicy(policyWith({ regex: "^(a+)+$" }), { models: testModels });
    const result = explain(compiled, testRequest(`${"a".repeat(40)}!`));
    expect(result.rules).toEqual([{ name: "r0", matched: false }]);
  });
});
