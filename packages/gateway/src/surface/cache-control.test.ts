/**
 * Anthropic's prompt-caching marks (`cache_control`) through the gateway: kept on the blocks an
 * Anthropic upstream receives, from the Messages endpoint and from chat completions (marks on
 * content parts and tools, as OpenAI-style clients send them); removed for other upstreams.
 */
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, TEST_KEY } from "../testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const ephemeral = { type: "ephemeral" } as const;
const lastReceived = (prompt: string) => {
  const found = h.mock
    .received()
    .findLast((request) => JSON.stringify(request.body).includes(prompt));
  if (!found) throw new Error(`the upstream never received ${prompt}`);
  return { path: found.path, body: found.body as Record<string, unknown> };
};

const messagesRequest = (model: string, prompt: string) =>
  ({
    model,
    max_tokens: 50,
    system: [
      { type: "text", text: "You answer questions about a long manual." },
      { type: "text", text: "The manual: ...", cache_control: ephemeral },
    ],
    tools: [
      {
        name: "search_manual",
        input_schema: { type: "object", properties: { q: { type: "string" } } },
        cache_control: ephemeral,
      },
    ],
    messages: [
      { role: "user", content: [{ type: "text", text: prompt, cache_control: ephemeral }] },
    ],
  }) satisfies Anthropic.MessageCreateParamsNonStreaming;

describe("cache_control", () => {
  const anthropic = () => new Anthropic({ apiKey: TEST_KEY, baseURL: h.server.url, maxRetries: 0 });

  it("reaches an Anthropic upstream intact from /v1/messages, streamed or not", async () => {
    for (const stream of [false, true]) {
      const prompt = `How do I reset the device? (${stream ? "streamed" : "json"})`;
      if (stream) {
        const events = await anthropic().messages.create({
          ...messagesRequest("claude", prompt),
          stream: true,
        });
        for await (const _event of events) {
          // drained
        }
      } else {
        await anthropic().messages.create(messagesRequest("claude", prompt));
      }
      const { path, body } = lastReceived(prompt);
      expect(path).toBe("/v1/messages");
      expect(body.system).toEqual(messagesRequest("claude", prompt).system);
      expect(body.tools).toMatchObject([{ name: "search_manual", cache_control: ephemeral }]);
      expect(body.messages).toEqual([
        { role: "user", content: [{ type: "text", text: prompt, cache_control: ephemeral }] },
      ]);
    }
  });

  it("reaches an Anthropic upstream from chat completions' marked content parts and tools", async () => {
    const prompt = "Which page explains pairing?";
    const openai = new OpenAI({ apiKey: TEST_KEY, baseURL: `${h.server.url}/v1`, maxRetries: 0 });
    await openai.chat.completions.create({
      model: "claude",
      messages: [
        {
          role: "system",
          content: [{ type: "text", text: "The manual: ...", cache_control: ephemeral } as never],
        },
        {
          role: "user",
          content: [{ type: "text", text: prompt, cache_control: ephemeral } as never],
        },
      ],
    });
    const { body } = lastReceived(prompt);
    expect(body.system).toEqual([
      { type: "text", text: "The manual: ...", cache_control: ephemeral },
    ]);
    expect(body.messages).toEqual([
      { role: "user", content: [{ type: "text", text: prompt, cache_control: ephemeral }] },
    ]);
  });

  it("is removed cleanly for an OpenAI upstream, the request otherwise whole", async () => {
    const prompt = "Where is the serial number printed?";
    const message = await anthropic().messages.create(messagesRequest("small", prompt));
    expect(message.content.length).toBeGreaterThan(0);
    const { path, body } = lastReceived(prompt);
    expect(path).toBe("/v1/chat/completions");
    expect(JSON.stringify(body)).not.toContain("cache_control");
    expect(JSON.stringify(body)).toContain("The manual: ...");
    expect(body.tools).toMatchObject([{ type: "function", function: { name: "search_manual" } }]);

    const chatPrompt = "Is the warranty transferable?";
    const openai = new OpenAI({ apiKey: TEST_KEY, baseURL: `${h.server.url}/v1`, maxRetries: 0 });
    await openai.chat.completions.create({
      model: "small",
      messages: [
        {
          role: "user",
          content: [{ type: "text", text: chatPrompt, cache_control: ephemeral } as never],
        },
      ],
    });
    const chat = lastReceived(chatPrompt).body;
    expect(chat.messages).toEqual([
      { role: "user", content: [{ type: "text", text: chatPrompt }] },
    ]);
  });
});
