import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, TEST_KEY, waitFor } from "../testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const messages = (model: string, extra: Record<string, unknown> = {}) => ({
  model,
  max_tokens: 200,
  messages: [{ role: "user", content: "Tell me about trains" }],
  ...extra,
});
const anthropicHeaders = { "x-api-key": TEST_KEY, "anthropic-version": "2023-06-01" };

function sseEvents(text: string): { event: string; data: Record<string, unknown> }[] {
  return text
    .split("\n\n")
    .filter((frame) => frame.includes("data: "))
    .map((frame) => {
      const event = /^event: (.*)$/m.exec(frame)?.[1] ?? "";
      const data = JSON.parse(/^data: (.*)$/m.exec(frame)?.[1] ?? "{}") as Record<string, unknown>;
      return { event, data };
    });
}

describe("Anthropic surface (POST /v1/messages)", () => {
  it("answers in Anthropic's message shape from an OpenAI-shaped upstream", async () => {
    const response = await h.fetch("/v1/messages", {
      json: messages("small"),
      headers: { ...anthropicHeaders, "x-request-id": "anthropic-json" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-model")).toBe("small");
    const body = (await response.json()) as {
      type: string;
      role: string;
      model: string;
      content: { type: string; text: string }[];
      usage: { input_tokens: number; output_tokens: number };
    };
    expect(body.type).toBe("message");
    expect(body.role).toBe("assistant");
    expect(body.model).toBe("small");
    expect(body.content[0]?.type).toBe("text");
    expect(body.content[0]?.text.length).toBeGreaterThan(0);
    await waitFor(() => h.usage.entries.some((e) => e.clientRequestId === "anthropic-json"));
    const entry = h.usage.entries.find((e) => e.clientRequestId === "anthropic-json");
    expect(entry).toMatchObject({
      surface: "anthropic",
      inputTokens: body.usage.input_tokens,
      outputTokens: body.usage.output_tokens,
    });
  });

  it("streams Anthropic events in order from an OpenAI-shaped upstream", async () => {
    const response = await h.fetch("/v1/messages", {
      json: messages("small", { stream: true }),
      headers: anthropicHeaders,
    });
    expect(response.status).toBe(200);
    const events = sseEvents(await response.text());
    const names = events.map((e) => e.event);
    expect(names[0]).toBe("message_start");
    expect(names).toContain("content_block_delta");
    expect(names.at(-2)).toBe("message_delta");
    expect(names.at(-1)).toBe("message_stop");
    const delta = events.find((e) => e.event === "message_delta")?.data as {
      usage: { output_tokens: number };
    };
    expect(delta.usage.output_tokens).toBeGreaterThan(0);
  });

  it("serves an Anthropic upstream through the Anthropic surface", async () => {
    const response = await h.fetch("/v1/messages", {
      json: messages("claude"),
      headers: anthropicHeaders,
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { type: string }).type).toBe("message");
  });

  it("ends a cut stream with an in-band `event: error`", async () => {
    const response = await h.fetch("/v1/messages", {
      json: messages("cut", { stream: true }),
      headers: anthropicHeaders,
    });
    expect(response.status).toBe(200);
    const events = sseEvents(await response.text());
    expect(events.at(-1)?.event).toBe("error");
    expect(events.some((e) => e.event === "message_stop")).toBe(false);
  });

  it("answers errors in Anthropic's shape", async () => {
    const badKey = await h.fetch("/v1/messages", {
      json: messages("small"),
      headers: { "x-api-key": "sk-wrong" },
    });
    expect(badKey.status).toBe(401);
    expect(await badKey.json()).toMatchObject({
      type: "error",
      error: { type: "authentication_error" },
    });
    const unknown = await h.fetch("/v1/messages", {
      json: messages("nope"),
      headers: anthropicHeaders,
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      type: "error",
      error: { type: "not_found_error" },
    });
    const malformed = await fetch(`${h.server.url}/v1/messages`, {
      method: "POST",
      body: "{oops",
      headers: anthropicHeaders,
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      type: "error",
      error: { type: "invalid_request_error" },
    });
    const missing = await h.fetch("/v1/messages", {
      json: { model: "small" },
      headers: anthropicHeaders,
    });
    expect(missing.status).toBe(400);
  });
});

describe("OpenAI surface to an Anthropic upstream", () => {
  it("translates a JSON answer to chat.completion", async () => {
    const response = await h.fetch("/v1/chat/completions", {
      json: { model: "claude", messages: [{ role: "user", content: "hello" }] },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      object: string;
      choices: { message: { content: string } }[];
    };
    expect(body.object).toBe("chat.completion");
    expect(body.choices[0]?.message.content.length).toBeGreaterThan(0);
  });

  it("translates a stream to chat.completion.chunk frames ending in [DONE]", async () => {
    const response = await h.fetch("/v1/chat/completions", {
      json: {
        model: "claude",
        stream: true,
        messages: [{ role: "user", content: "hello" }],
        stream_options: { include_usage: true },
      },
      headers: { "x-request-id": "openai-to-anthropic-stream" },
    });
    const text = await response.text();
    expect(text.trimEnd().endsWith("data: [DONE]")).toBe(true);
    expect(text).toContain('"chat.completion.chunk"');
    await waitFor(() =>
      h.usage.entries.some((e) => e.clientRequestId === "openai-to-anthropic-stream"),
    );
    const entry = h.usage.entries.find((e) => e.clientRequestId === "openai-to-anthropic-stream");
    expect(entry?.provider).toBe("anthropic");
    expect(entry?.usageEstimated).toBe(false);
    expect(entry?.outputTokens).toBeGreaterThan(0);
  });
});
