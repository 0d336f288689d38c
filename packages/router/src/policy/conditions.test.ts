import { describe, expect, it } from "vitest";
import { testCompileContext as context, testRequest } from "../testing/fixtures";
import { compilePolicy } from "./compile";
import type { Condition } from "./schema";

const base = { version: 1, defaultModel: "demo-small", baselineModel: "demo-large" };

function routeWith(when: Condition, request = testRequest("hello")) {
  const compiled = compilePolicy(
    { ...base, rules: [{ name: "r", when, target: { model: "demo-large" } }] },
    context,
  );
  return compiled.decide(request).trace.rule === "r";
}

describe("conditions", () => {
  it("promptChars and promptTokens ranges", () => {
    expect(routeWith({ promptChars: { min: 10 } }, testRequest("short"))).toBe(false);
    expect(routeWith({ promptChars: { min: 10 } }, testRequest("a much longer prompt"))).toBe(true);
    expect(
      routeWith({ promptTokens: { max: 100 } }, testRequest("x", { estimatedInputTokens: 101 })),
    ).toBe(false);
    expect(
      routeWith(
        { promptTokens: { min: 50, max: 100 } },
        testRequest("x", { estimatedInputTokens: 60 }),
      ),
    ).toBe(true);
  });

  it("turns counts user messages", () => {
    const messages = [
      { role: "system", content: "be brief" },
      { role: "user", content: "one" },
      { role: "assistant", content: "ok" },
      { role: "user", content: "two" },
    ];
    expect(routeWith({ turns: { min: 2 } }, testRequest("", { messages }))).toBe(true);
    expect(routeWith({ turns: { min: 3 } }, testRequest("", { messages }))).toBe(false);
  });

  it("regex with flags, over text parts too", () => {
    expect(routeWith({ regex: "^translate", regexFlags: "i" }, testRequest("Translate this"))).toBe(
      true,
    );
    expect(routeWith({ regex: "^translate" }, testRequest("Translate this"))).toBe(false);
    const parts = testRequest("", {
      messages: [{ role: "user", content: [{ type: "text", text: "SELECT * FROM t" }] }],
    });
    expect(routeWith({ regex: "select \\*", regexFlags: "i" }, parts)).toBe(true);
  });

  it("keywords: any (default) and all, on whole words, case-insensitive", () => {
    expect(
      routeWith({ keywords: ["contract", "lawsuit"] }, testRequest("Review this Contract.")),
    ).toBe(true);
    expect(routeWith({ keywords: ["contract"] }, testRequest("contractual terms"))).toBe(false);
    expect(
      routeWith(
        { keywords: ["contract", "lawsuit"], keywordMatch: "all" },
        testRequest("contract only"),
      ),
    ).toBe(false);
    expect(
      routeWith(
        { keywords: ["contract", "lawsuit"], keywordMatch: "all" },
        testRequest("contract lawsuit"),
      ),
    ).toBe(true);
  });

  it("task, requested model, key and team", () => {
    expect(routeWith({ task: ["code"] }, testRequest("x", { task: "code" }))).toBe(true);
    expect(routeWith({ task: ["code"] }, testRequest("x"))).toBe(false);
    expect(
      routeWith({ requestedModel: ["fast"] }, testRequest("x", { requestedModel: "fast" })),
    ).toBe(true);
    expect(routeWith({ keyId: ["key-9"] }, testRequest("x"))).toBe(false);
    expect(routeWith({ keyId: ["key-1"] }, testRequest("x"))).toBe(true);
    expect(routeWith({ teamId: ["team-1"] }, testRequest("x"))).toBe(true);
  });

  it("requires: tools, images, json, json_schema", () => {
    expect(
      routeWith({ requires: ["tools"] }, testRequest("x", { tools: [{ type: "function" }] })),
    ).toBe(true);
    expect(routeWith({ requires: ["tools"] }, testRequest("x", { tools: [] }))).toBe(false);
    expect(routeWith({ requires: ["images"] }, testRequest("x", { hasImages: true }))).toBe(true);
    expect(
      routeWith(
        { requires: ["json"] },
        testRequest("x", { responseFormat: { type: "json_object" } }),
      ),
    ).toBe(true);
    expect(
      routeWith(
        { requires: ["json_schema"] },
        testRequest("x", { responseFormat: { type: "json_object" } }),
      ),
    ).toBe(false);
    expect(
      routeWith(
        { requires: ["json_schema"] },
        testRequest("x", { responseFormat: { type: "json_schema" } }),
      ),
    ).toBe(true);
  });

  it("exceedsContextOf compares estimated tokens with the model's window", () => {
    expect(
      routeWith(
        { exceedsContextOf: "demo-small" },
        testRequest("x", { estimatedInputTokens: 16_001 }),
      ),
    ).toBe(true);
    expect(
      routeWith(
        { exceedsContextOf: "demo-small" },
        testRequest("x", { estimatedInputTokens: 16_000 }),
      ),
    ).toBe(false);
  });

  it("all / any / not combine", () => {
    const when: Condition = {
      all: [
        { any: [{ task: ["code"] }, { keywords: ["python"] }] },
        { not: { promptChars: { max: 5 } } },
      ],
    };
    expect(routeWith(when, testRequest("write python"))).toBe(true);
    expect(routeWith(when, testRequest("hi", { task: "code" }))).toBe(false);
    expect(routeWith(when, testRequest("write a poem"))).toBe(false);
  });
});
