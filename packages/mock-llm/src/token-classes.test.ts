import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockLlm, startMockLlm } from "./index";
import { anthropicHeaders, parseSse, post } from "./test-helpers";

// biome-ignore lint/suspicious/noExplicitAny: wire bodies, read field by field
type Wire = any;

let mock: MockLlm;
beforeAll(async () => {
  mock = await startMockLlm({ port: 0 });
});
afterAll(async () => {
  await mock.close();
});

// A prompt of 400 characters: 100 input tokens.
const prompt = "abcd".repeat(100);
const classes = {
  "x-mock-cached-tokens": "60",
  "x-mock-cache-write-tokens": "15",
  "x-mock-cache-write-1h-tokens": "5",
  "x-mock-reasoning-tokens": "30",
};
const lastData = (text: string) => {
  const events = parseSse(text).filter((event) => event.data !== "[DONE]");
  return events.map((event) => JSON.parse(event.data) as Wire);
};

describe("token classes in each provider's usage", () => {
  it("OpenAI: cached_tokens and reasoning_tokens, JSON and streamed", async () => {
    const body = { model: "gpt-4o", messages: [{ role: "user", content: prompt }] };
    const json = (await post(`${mock.url}/v1/chat/completions`, body, classes)).json() as Wire;
    expect(json.usage.prompt_tokens).toBe(100);
    expect(json.usage.prompt_tokens_details.cached_tokens).toBe(60);
    expect(json.usage.completion_tokens_details.reasoning_tokens).toBe(30);
    const answerTokens = json.usage.completion_tokens - 30;
    expect(answerTokens).toBeGreaterThan(0);
    const streamed = await post(
      `${mock.url}/v1/chat/completions`,
      { ...body, stream: true, stream_options: { include_usage: true } },
      classes,
    );
    expect(lastData(streamed.text).at(-1)?.usage).toEqual(json.usage);
  });

  it("Anthropic: input_tokens without cache reads and writes, the TTL breakdown, in both usage events", async () => {
    const body = {
      model: "claude-sonnet-4-5",
      max_tokens: 500,
      messages: [{ role: "user", content: prompt }],
    };
    const headers = { ...anthropicHeaders, ...classes };
    const json = (await post(`${mock.url}/v1/messages`, body, headers)).json() as Wire;
    expect(json.usage).toMatchObject({
      input_tokens: 20,
      cache_read_input_tokens: 60,
      cache_creation_input_tokens: 20,
      cache_creation: { ephemeral_5m_input_tokens: 15, ephemeral_1h_input_tokens: 5 },
    });
    const events = lastData(
      (await post(`${mock.url}/v1/messages`, { ...body, stream: true }, headers)).text,
    );
    const start = events.find((event) => event.type === "message_start");
    const delta = events.find((event) => event.type === "message_delta");
    expect(start?.message.usage.cache_read_input_tokens).toBe(60);
    expect(delta?.usage).toEqual(json.usage);
  });

  it("Gemini: cachedContentTokenCount and thoughtsTokenCount, JSON and streamed", async () => {
    const body = { contents: [{ role: "user", parts: [{ text: prompt }] }] };
    const json = (
      await post(`${mock.url}/v1beta/models/gemini-2.5-flash:generateContent`, body, classes)
    ).json() as Wire;
    expect(json.usageMetadata).toMatchObject({
      promptTokenCount: 100,
      cachedContentTokenCount: 60,
      thoughtsTokenCount: 30,
    });
    const streamed = await post(
      `${mock.url}/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse`,
      body,
      classes,
    );
    const records = lastData(streamed.text);
    expect(records.length).toBeGreaterThan(1);
    for (const record of records) expect(record.usageMetadata.cachedContentTokenCount).toBe(60);
    expect(records.at(-1)?.usageMetadata).toEqual(json.usageMetadata);
  });

  it("clamps cache classes to the prompt's tokens", async () => {
    const body = { model: "gpt-4o", messages: [{ role: "user", content: "abcd" }] };
    const json = (
      await post(`${mock.url}/v1/chat/completions`, body, { "x-mock-cached-tokens": "500" })
    ).json() as Wire;
    expect(json.usage.prompt_tokens_details.cached_tokens).toBe(json.usage.prompt_tokens);
  });
});
