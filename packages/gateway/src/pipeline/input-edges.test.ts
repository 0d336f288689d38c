/**
 * The edges of what callers send: JSON nested past any real use, and output-token limits that
 * would make a budget reservation meaningless. Each is a 400 in the surface's own error shape.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, TEST_KEY } from "../testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const anthropicHeaders = { "x-api-key": TEST_KEY, "anthropic-version": "2023-06-01" };
const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  h.fetch(path, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
  });
/** `{"a":[[[...]]]}`-style JSON text, `depth` arrays deep. */
const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

type OpenAIError = { error: { message: string; type: string; code: string; param: string | null } };
type AnthropicError = { type: string; error: { type: string; message: string } };

describe("deeply nested JSON", () => {
  const deep = nested(100_000);
  const openaiBodies = {
    "a message's content": `{"model":"small","messages":[{"role":"user","content":${deep}}]}`,
    tools: `{"model":"small","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":{"a":${deep}}}}]}`,
    metadata: `{"model":"small","messages":[{"role":"user","content":"hi"}],"metadata":{"a":${deep}}}`,
    "an unknown field": `{"model":"small","messages":[{"role":"user","content":"hi"}],"extra":${deep}}`,
  };

  for (const [where, body] of Object.entries(openaiBodies)) {
    it(`OpenAI surface: 100,000 nested arrays in ${where} → 400 in OpenAI's shape`, async () => {
      const response = await post("/v1/chat/completions", body);
      expect(response.status).toBe(400);
      const json = (await response.json()) as OpenAIError;
      expect(json.error).toMatchObject({ type: "invalid_request_error", code: "json_too_deep" });
      expect(json.error.message).toMatch(/nested more than 128 levels deep/);
    });
  }

  const anthropicBodies = {
    "a message's content": `{"model":"small","max_tokens":10,"messages":[{"role":"user","content":${deep}}]}`,
    metadata: `{"model":"small","max_tokens":10,"messages":[{"role":"user","content":"hi"}],"metadata":{"a":${deep}}}`,
    "a tool's input_schema": `{"model":"small","max_tokens":10,"messages":[{"role":"user","content":"hi"}],"tools":[{"name":"f","input_schema":{"a":${deep}}}]}`,
  };
  for (const [where, body] of Object.entries(anthropicBodies)) {
    it(`Anthropic surface: 100,000 nested arrays in ${where} → 400 in Anthropic's shape`, async () => {
      const response = await post("/v1/messages", body, anthropicHeaders);
      expect(response.status).toBe(400);
      const json = (await response.json()) as AnthropicError;
      expect(json).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
      expect(json.error.message).toMatch(/nested more than 128 levels deep/);
    });
  }

  it("brackets inside strings do not count, and a 125-level tool schema is accepted", async () => {
    const tool = { type: "function", function: { name: "f", parameters: {} as unknown } };
    let schema: unknown = { type: "string" };
    // 4 levels to `parameters`, then 2 per schema level and 1 for the innermost: 125 in all.
    for (let i = 0; i < 60; i++) schema = { type: "object", properties: { x: schema } };
    tool.function.parameters = schema as Record<string, unknown>;
    const response = await h.fetch("/v1/chat/completions", {
      json: {
        model: "small",
        messages: [{ role: "user", content: `${"[{".repeat(5000)} \\" ${nested(500)}` }],
        tools: [tool],
      },
    });
    expect(response.status).toBe(200);
  });
});

describe("output token limits", () => {
  const chat = { model: "small", messages: [{ role: "user", content: "hi" }] };
  for (const [param, value] of [
    ["max_tokens", -5],
    ["max_tokens", 0],
    ["max_tokens", 5_000_000_000],
    ["max_completion_tokens", 0],
    ["max_completion_tokens", 2.5],
  ] as const) {
    it(`OpenAI surface: ${param} ${value} → 400 naming ${param}`, async () => {
      const response = await h.fetch("/v1/chat/completions", { json: { ...chat, [param]: value } });
      expect(response.status).toBe(400);
      const json = (await response.json()) as OpenAIError;
      expect(json.error).toMatchObject({ type: "invalid_request_error", param });
    });
  }

  it("Anthropic surface: max_tokens past 1,000,000 → 400 in Anthropic's shape", async () => {
    const response = await h.fetch("/v1/messages", {
      json: { ...chat, max_tokens: 1_000_001 },
      headers: anthropicHeaders,
    });
    expect(response.status).toBe(400);
    const json = (await response.json()) as AnthropicError;
    expect(json.error.type).toBe("invalid_request_error");
    expect(json.error.message).toMatch(/^max_tokens: /);
  });
});
