/**
 * Anthropic structured outputs (output_config.format, strict tools) through the gateway: read on
 * the Anthropic surface, sent natively to models that take them, as OpenAI's json_schema to
 * OpenAI-style upstreams, and as an instruction to Anthropic models that do not.
 */
import { anthropicMessagesRequestSchema, parseOrThrow } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { toAnthropicRequest } from "../../anthropic";
import { openaiAdapter } from "../../openai";
import { testModel } from "../../testing/fixtures";
import { anthropicToCanonicalRequest } from "./anthropic-to-canonical";

const schema = {
  type: "object",
  properties: { city: { type: "string" } },
  required: ["city"],
  additionalProperties: false,
};
const tool = {
  name: "lookup",
  description: "Look a city up",
  input_schema: schema,
  strict: true,
};

const canonicalOf = (extra: Record<string, unknown>) =>
  anthropicToCanonicalRequest(
    parseOrThrow(anthropicMessagesRequestSchema, {
      model: "claude-sonnet-4-5",
      max_tokens: 100,
      messages: [{ role: "user", content: "Where is the Eiffel Tower?" }],
      tools: [tool],
      ...extra,
    }),
  );

describe("Anthropic structured outputs", () => {
  it("reads output_config.format (and the beta's output_format) as OpenAI's json_schema", () => {
    for (const extra of [
      { output_config: { format: { type: "json_schema", schema } } },
      { output_format: { type: "json_schema", schema } },
    ]) {
      const canonical = canonicalOf(extra);
      expect(canonical.response_format).toEqual({
        type: "json_schema",
        json_schema: { name: "output", schema, strict: true },
      });
      expect(canonical.tools?.[0]?.function.strict).toBe(true);
    }
  });

  it("reaches an OpenAI-style upstream as response_format and strict tools", () => {
    const canonical = canonicalOf({ output_config: { format: { type: "json_schema", schema } } });
    const upstream = openaiAdapter.buildRequest(testModel(), canonical, { stream: false });
    const body = JSON.parse(upstream.body);
    expect(body.response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "output", schema, strict: true },
    });
    expect(body.tools[0].function.strict).toBe(true);
  });

  it("goes natively to an Anthropic model that takes schemas, as an instruction to one that does not", () => {
    const canonical = canonicalOf({ output_config: { format: { type: "json_schema", schema } } });
    const native = toAnthropicRequest(
      testModel({ providerKind: "anthropic", upstreamName: "claude-sonnet-4-5" }),
      canonical,
      false,
    );
    expect(native.output_config).toEqual({ format: { type: "json_schema", schema } });
    expect(native.tools?.[0]?.strict).toBe(true);
    expect(JSON.stringify(native.system ?? "")).not.toContain("JSON schema");

    const older = toAnthropicRequest(
      testModel({
        providerKind: "anthropic",
        upstreamName: "claude-3-5-haiku",
        capabilities: ["tools", "json", "streaming"],
      }),
      canonical,
      false,
    );
    expect(older.output_config).toBeUndefined();
    expect(older.tools?.[0]?.strict).toBeUndefined();
    expect(JSON.stringify(older.system)).toContain("matches this JSON schema");
  });
});
