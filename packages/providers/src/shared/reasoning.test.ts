import {
  type ChatCompletionRequest,
  chatCompletionRequestSchema,
  parseOrThrow,
} from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { anthropicAdapter } from "../anthropic";
import { geminiAdapter } from "../gemini";
import { openaiAdapter } from "../openai";
import { reasoningIgnored } from "../reasoning-note";
import { testModel } from "../testing/fixtures";
import type { ProviderAdapter } from "../types";

const request = (extra: Record<string, unknown> = {}): ChatCompletionRequest =>
  parseOrThrow(chatCompletionRequestSchema, {
    model: "x",
    messages: [{ role: "user", content: "Prove there are infinitely many primes." }],
    reasoning_effort: "high",
    ...extra,
  });
const body = (adapter: ProviderAdapter, model: ReturnType<typeof testModel>, r = request()) =>
  JSON.parse(adapter.buildRequest(model, r, { stream: false }).body);

const gpt4o = testModel({ name: "gpt-4o", upstreamName: "gpt-4o" });
const o3 = testModel({ name: "o3", upstreamName: "o3" });
const sonnet = testModel({
  name: "sonnet",
  providerKind: "anthropic",
  upstreamName: "claude-sonnet-4-5",
  maxOutputTokens: 64_000,
});
const haiku35 = testModel({
  name: "haiku",
  providerKind: "anthropic",
  upstreamName: "claude-3-5-haiku",
});

describe("reasoning effort", () => {
  it("reaches OpenAI models that take it (catalog or the model's own mark), not the others", () => {
    expect(body(openaiAdapter, o3).reasoning_effort).toBe("high");
    const marked = testModel({
      upstreamName: "my-reasoner",
      capabilities: ["streaming", "reasoning"],
    });
    expect(body(openaiAdapter, marked).reasoning_effort).toBe("high");
    expect(body(openaiAdapter, gpt4o)).not.toHaveProperty("reasoning_effort");
    expect(reasoningIgnored(gpt4o, request())).toBe("gpt-4o does not take it");
    expect(reasoningIgnored(o3, request())).toBeNull();
    expect(reasoningIgnored(gpt4o, request({ reasoning_effort: null }))).toBeNull();
  });

  it("becomes Anthropic's extended thinking, its budget under max_tokens, sampling removed", () => {
    const sent = body(anthropicAdapter, sonnet, request({ temperature: 0.2, max_tokens: 30_000 }));
    expect(sent.thinking).toEqual({ type: "enabled", budget_tokens: 16384 });
    expect(sent.max_tokens).toBe(30_000);
    expect(sent).not.toHaveProperty("temperature");
    const small = body(
      anthropicAdapter,
      sonnet,
      request({ reasoning_effort: "high", max_tokens: 2000 }),
    );
    expect(small.thinking).toEqual({ type: "enabled", budget_tokens: 1999 });
    expect(
      body(anthropicAdapter, sonnet, request({ reasoning_effort: "minimal" })),
    ).not.toHaveProperty("thinking");
    expect(reasoningIgnored(sonnet, request())).toBeNull();
  });

  it("is left out, with the reason, when Anthropic cannot think for the request", () => {
    const toolHistory = request({
      messages: [
        { role: "user", content: "Weather?" },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "c1", type: "function", function: { name: "w", arguments: "{}" } }],
        },
        { role: "tool", tool_call_id: "c1", content: "sunny" },
      ],
      tools: [{ type: "function", function: { name: "w", parameters: { type: "object" } } }],
    });
    expect(body(anthropicAdapter, sonnet, toolHistory)).not.toHaveProperty("thinking");
    expect(reasoningIgnored(sonnet, toolHistory)).toMatch(/thinking blocks/);
    const tiny = request({ max_tokens: 500 });
    expect(body(anthropicAdapter, sonnet, tiny)).not.toHaveProperty("thinking");
    expect(reasoningIgnored(sonnet, tiny)).toMatch(/output limit \(500\)/);
    expect(body(anthropicAdapter, haiku35)).not.toHaveProperty("thinking");
    expect(reasoningIgnored(haiku35, request())).toBe("haiku does not take it");
  });

  it("becomes Gemini's thinking budget for models that think", () => {
    const flash = testModel({ providerKind: "gemini", upstreamName: "gemini-2.5-flash" });
    expect(
      body(geminiAdapter, flash, request({ reasoning_effort: "low" })).generationConfig,
    ).toEqual({
      thinkingConfig: { thinkingBudget: 1024 },
    });
    const old = testModel({ providerKind: "gemini", upstreamName: "gemini-1.5-flash" });
    expect(body(geminiAdapter, old)).not.toHaveProperty("generationConfig");
  });
});
