import { describe, expect, it } from "vitest";
import { SwitchyardError } from "../errors";
import { anthropicMessagesRequestSchema } from "./anthropic-messages";
import { chatCompletionRequestSchema } from "./openai-request";
import { parseOrThrow } from "./parse";

function thrown(fn: () => unknown): SwitchyardError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SwitchyardError) return error;
    throw error;
  }
  throw new Error("expected a throw");
}

describe("parseOrThrow", () => {
  it("names a bad role with its path and the allowed values", () => {
    const error = thrown(() =>
      parseOrThrow(chatCompletionRequestSchema, {
        model: "m",
        messages: [{ role: "wizard", content: "hi" }],
      }),
    );
    expect(error.status).toBe(400);
    expect(error.type).toBe("invalid_request_error");
    expect(error.param).toBe("messages[0].role");
    expect(error.message).toMatch(/^messages\[0\]\.role: expected one of "system", "developer"/);
  });

  it("names a missing required field", () => {
    const error = thrown(() => parseOrThrow(chatCompletionRequestSchema, { model: "m" }));
    expect(error.param).toBe("messages");
    expect(error.message).toMatch(/^messages: /);
  });

  it("names a nested field inside a tool message", () => {
    const error = thrown(() =>
      parseOrThrow(chatCompletionRequestSchema, {
        model: "m",
        messages: [
          { role: "user", content: "x" },
          { role: "tool", content: "42" },
        ],
      }),
    );
    expect(error.param).toBe("messages[1].tool_call_id");
  });

  it("rejects a non-object body without a param", () => {
    const error = thrown(() => parseOrThrow(chatCompletionRequestSchema, "nope"));
    expect(error.param).toBeNull();
    expect(error.status).toBe(400);
  });

  it("returns the parsed value and keeps unknown fields", () => {
    const parsed = parseOrThrow(chatCompletionRequestSchema, {
      model: "gpt-4o-mini",
      messages: [
        { role: "developer", content: "be brief" },
        {
          role: "user",
          content: [
            { type: "text", text: "what is this" },
            { type: "image_url", image_url: { url: "https://x/y.png", detail: "low" } },
            { type: "input_audio", input_audio: { data: "AAAA", format: "wav" } },
          ],
        },
        {
          role: "assistant",
          content: null,
          tool_calls: [
            { id: "call_1", type: "function", function: { name: "f", arguments: "{}" } },
          ],
        },
        { role: "tool", tool_call_id: "call_1", content: "ok" },
      ],
      response_format: { type: "json_schema", json_schema: { name: "x", schema: {} } },
      stream_options: { include_usage: true },
      prediction: { type: "content", content: "abc" },
    });
    expect(parsed.prediction).toEqual({ type: "content", content: "abc" });
    expect(parsed.messages).toHaveLength(4);
  });

  it("requires max_tokens on an Anthropic request", () => {
    const error = thrown(() =>
      parseOrThrow(anthropicMessagesRequestSchema, {
        model: "claude",
        messages: [{ role: "user", content: "hi" }],
      }),
    );
    expect(error.param).toBe("max_tokens");
  });

  it("names a bad Anthropic content block type", () => {
    const error = thrown(() =>
      parseOrThrow(anthropicMessagesRequestSchema, {
        model: "claude",
        max_tokens: 10,
        messages: [{ role: "user", content: [{ type: "video", url: "x" }] }],
      }),
    );
    expect(error.param).toMatch(/^messages\[0\]\.content/);
  });
});

describe("output token limits", () => {
  const openai = { model: "m", messages: [{ role: "user", content: "x" }] };
  const anthropic = { model: "m", messages: [{ role: "user", content: "x" }] };

  it("OpenAI: max_tokens and max_completion_tokens are positive integers up to 1,000,000", () => {
    for (const param of ["max_tokens", "max_completion_tokens"]) {
      for (const value of [0, -5, 1.5, 1_000_001, 1e12]) {
        const error = thrown(() =>
          parseOrThrow(chatCompletionRequestSchema, { ...openai, [param]: value }),
        );
        expect(error.status).toBe(400);
        expect(error.param).toBe(param);
        expect(error.message).toBe(`${param}: must be a whole number from 1 to 1000000`);
      }
      for (const value of [1, 4096, 1_000_000, null]) {
        expect(
          parseOrThrow(chatCompletionRequestSchema, { ...openai, [param]: value }),
        ).toMatchObject({ [param]: value });
      }
    }
  });

  it("Anthropic: max_tokens is a positive integer up to 1,000,000", () => {
    for (const value of [0, -1, 2.5, 1_000_001]) {
      const error = thrown(() =>
        parseOrThrow(anthropicMessagesRequestSchema, { ...anthropic, max_tokens: value }),
      );
      expect(error.param).toBe("max_tokens");
      expect(error.message).toBe("max_tokens: must be a whole number from 1 to 1000000");
    }
    expect(
      parseOrThrow(anthropicMessagesRequestSchema, { ...anthropic, max_tokens: 1_000_000 }),
    ).toMatchObject({ max_tokens: 1_000_000 });
  });
});
