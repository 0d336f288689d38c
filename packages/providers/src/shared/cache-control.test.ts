import {
  anthropicMessagesRequestSchema,
  chatCompletionRequestSchema,
  parseOrThrow,
} from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { anthropicAdapter } from "../anthropic";
import { azureOpenAIAdapter } from "../azure-openai";
import { geminiAdapter } from "../gemini";
import { openaiAdapter } from "../openai";
import { openrouterAdapter } from "../presets/openrouter";
import { anthropicToCanonicalRequest } from "../surfaces/anthropic";
import { testModel } from "../testing/fixtures";

const ephemeral = { type: "ephemeral" } as const;
const hour = { type: "ephemeral", ttl: "1h" } as const;

/** A Messages request with a breakpoint on every kind of block Anthropic caches. */
const messagesRequest = parseOrThrow(anthropicMessagesRequestSchema, {
  model: "claude",
  max_tokens: 100,
  system: [
    { type: "text", text: "You are a librarian." },
    { type: "text", text: "The whole catalogue follows...", cache_control: hour },
  ],
  tools: [
    { name: "lookup", input_schema: { type: "object" } },
    { name: "shelve", input_schema: { type: "object" }, cache_control: ephemeral },
  ],
  messages: [
    {
      role: "user",
      content: [
        { type: "text", text: "A long document", cache_control: ephemeral },
        { type: "text", text: "Find me a book." },
      ],
    },
    {
      role: "assistant",
      content: [
        { type: "text", text: "Looking.", cache_control: ephemeral },
        { type: "tool_use", id: "tu_1", name: "lookup", input: {}, cache_control: ephemeral },
      ],
    },
    {
      role: "user",
      content: [
        {
          type: "tool_result",
          tool_use_id: "tu_1",
          content: "Moby Dick",
          cache_control: ephemeral,
        },
      ],
    },
  ],
});

const chatRequest = parseOrThrow(chatCompletionRequestSchema, {
  model: "claude",
  messages: [
    {
      role: "system",
      content: [{ type: "text", text: "Long rules", cache_control: ephemeral }],
    },
    {
      role: "user",
      content: [
        { type: "text", text: "Long context", cache_control: ephemeral },
        { type: "image_url", image_url: { url: "https://x.test/a.png" }, cache_control: hour },
      ],
    },
  ],
  tools: [
    {
      type: "function",
      function: { name: "f", parameters: { type: "object" } },
      cache_control: ephemeral,
    },
  ],
});

const anthropicModel = testModel({ providerKind: "anthropic", upstreamName: "claude-sonnet-4-5" });
const upstreamBody = (adapter: typeof anthropicAdapter, model = anthropicModel) =>
  JSON.parse(
    adapter.buildRequest(model, anthropicToCanonicalRequest(messagesRequest), { stream: false })
      .body,
  );

describe("cache_control", () => {
  it("reaches an Anthropic upstream on the same system blocks, content blocks and tools", () => {
    const body = upstreamBody(anthropicAdapter);
    expect(body.system).toEqual([
      { type: "text", text: "You are a librarian." },
      { type: "text", text: "The whole catalogue follows...", cache_control: hour },
    ]);
    expect(body.tools.map((tool: { cache_control?: unknown }) => tool.cache_control)).toEqual([
      undefined,
      ephemeral,
    ]);
    expect(body.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "A long document", cache_control: ephemeral },
          { type: "text", text: "Find me a book." },
        ],
      },
      {
        role: "assistant",
        content: [
          { type: "text", text: "Looking.", cache_control: ephemeral },
          { type: "tool_use", id: "tu_1", name: "lookup", input: {}, cache_control: ephemeral },
        ],
      },
      {
        role: "user",
        content: [
          {
            type: "tool_result",
            tool_use_id: "tu_1",
            content: "Moby Dick",
            cache_control: ephemeral,
          },
        ],
      },
    ]);
  });

  it("reaches Anthropic from an OpenAI-style chat request (marks on parts and tools)", () => {
    const body = JSON.parse(
      anthropicAdapter.buildRequest(anthropicModel, chatRequest, { stream: false }).body,
    );
    expect(body.system).toEqual([{ type: "text", text: "Long rules", cache_control: ephemeral }]);
    expect(body.messages[0].content).toEqual([
      { type: "text", text: "Long context", cache_control: ephemeral },
      { type: "image", source: { type: "url", url: "https://x.test/a.png" }, cache_control: hour },
    ]);
    expect(body.tools[0].cache_control).toEqual(ephemeral);
  });

  it("leaves a request without marks as it was (system joined, one text block)", () => {
    const request = parseOrThrow(anthropicMessagesRequestSchema, {
      model: "claude",
      max_tokens: 10,
      system: [
        { type: "text", text: "a" },
        { type: "text", text: "b" },
      ],
      messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
    });
    const canonical = anthropicToCanonicalRequest(request);
    expect(canonical.messages).toEqual([
      { role: "system", content: "a\nb" },
      { role: "user", content: "hi" },
    ]);
  });

  for (const [name, adapter, model] of [
    ["OpenAI", openaiAdapter, testModel({ upstreamName: "gpt-4o" })],
    [
      "Azure OpenAI",
      azureOpenAIAdapter,
      testModel({ providerKind: "azure-openai", baseUrl: "https://r.openai.azure.com" }),
    ],
    ["Gemini", geminiAdapter, testModel({ providerKind: "gemini" })],
  ] as const) {
    it(`is removed for ${name}, the rest of the request kept`, () => {
      const text = adapter.buildRequest(model, anthropicToCanonicalRequest(messagesRequest), {
        stream: false,
      }).body;
      expect(text).not.toContain("cache_control");
      expect(text).not.toContain('"ttl"');
      expect(text).toContain("The whole catalogue follows...");
      expect(text).toContain("A long document");
      expect(text).toContain("Moby Dick");
      expect(text).toContain("shelve");
      const fromChat = adapter.buildRequest(model, chatRequest, { stream: true }).body;
      expect(fromChat).not.toContain("cache_control");
      expect(fromChat).toContain("Long context");
    });
  }

  it("is kept for OpenRouter, which passes it on to the providers that cache", () => {
    const text = openrouterAdapter.buildRequest(
      testModel({ providerKind: "openrouter" }),
      anthropicToCanonicalRequest(messagesRequest),
      { stream: false },
    ).body;
    const body = JSON.parse(text);
    expect(body.messages[0].content[1]).toEqual({
      type: "text",
      text: "The whole catalogue follows...",
      cache_control: hour,
    });
  });
});
