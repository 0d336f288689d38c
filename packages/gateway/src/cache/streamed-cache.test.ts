/**
 * Streamed answers go into the response cache too: a completed stream is kept whole (text, tool
 * calls, usage) and answers the same request later as JSON or as a replayed stream; a stream the
 * client abandons, or that the upstream cuts, keeps nothing.
 */
import type { PublishedPolicy } from "@switchyard/core";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, TEST_KEY } from "../testing/harness";

const policy = (alias: string, defaultModel: string): PublishedPolicy => ({
  policyId: `p-${alias}`,
  versionId: `pv-${alias}`,
  version: 1,
  teamId: "team_1",
  alias,
  body: { version: 1, defaultModel, baselineModel: "premium", cache: { ttlSeconds: 60 } },
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    policies: [
      policy("team/cached", "small"),
      policy("team/cached-slow", "slow-stream"),
      policy("team/cached-cut", "cut"),
    ],
  });
});
afterAll(async () => {
  await h.close();
});

const client = () => new OpenAI({ apiKey: TEST_KEY, baseURL: `${h.server.url}/v1`, maxRetries: 0 });
const body = (model: string, content: string) => ({
  model,
  messages: [{ role: "user" as const, content }],
  temperature: 0,
});

async function streamed(model: string, content: string) {
  const { data, response } = await client()
    .chat.completions.create({
      ...body(model, content),
      stream: true,
      stream_options: { include_usage: true },
    })
    .withResponse();
  let text = "";
  let usage: OpenAI.CompletionUsage | null | undefined = null;
  const calls = new Map<number, { name: string; arguments: string }>();
  for await (const chunk of data) {
    text += chunk.choices[0]?.delta.content ?? "";
    for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
      const soFar = calls.get(call.index) ?? { name: "", arguments: "" };
      soFar.name += call.function?.name ?? "";
      soFar.arguments += call.function?.arguments ?? "";
      calls.set(call.index, soFar);
    }
    if (chunk.usage) usage = chunk.usage;
  }
  return {
    text,
    usage,
    calls: [...calls.values()],
    cache: response.headers.get("x-switchyard-cache"),
  };
}

const json = async (model: string, content: string, extra: object = {}) => {
  const { data, response } = await client()
    .chat.completions.create({ ...body(model, content), ...extra })
    .withResponse();
  return { data, cache: response.headers.get("x-switchyard-cache") };
};

describe("streamed answers in the response cache", () => {
  it("a completed stream answers later as JSON and as a stream, identical text and usage", async () => {
    const prompt = "Describe a lighthouse in two sentences.";
    const upstreamCalls = h.mock.stats().requests;
    const miss = await streamed("team/cached", prompt);
    expect(miss.cache).toBe("miss");
    expect(miss.text.length).toBeGreaterThan(0);
    expect(miss.usage?.completion_tokens).toBeGreaterThan(0);

    const hit = await json("team/cached", prompt);
    expect(hit.cache).toBe("hit");
    expect(hit.data.choices[0]?.message.content).toBe(miss.text);
    expect(hit.data.choices[0]?.finish_reason).toBe("stop");
    expect(hit.data.usage).toMatchObject({
      prompt_tokens: miss.usage?.prompt_tokens,
      completion_tokens: miss.usage?.completion_tokens,
    });

    const replayed = await streamed("team/cached", prompt);
    expect(replayed.cache).toBe("hit");
    expect(replayed.text).toBe(miss.text);
    expect(replayed.usage).toMatchObject({
      prompt_tokens: miss.usage?.prompt_tokens,
      completion_tokens: miss.usage?.completion_tokens,
    });
    expect(h.mock.stats().requests).toBe(upstreamCalls + 1);
  });

  it("keeps a streamed tool call whole", async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      {
        type: "function",
        function: {
          name: "get_weather",
          parameters: {
            type: "object",
            properties: { city: { type: "string" } },
            required: ["city"],
          },
        },
      },
    ];
    const prompt = "What is the weather in Lima?";
    const { data, response } = await client()
      .chat.completions.create({
        ...body("team/cached", prompt),
        tools,
        tool_choice: "required",
        stream: true,
      })
      .withResponse();
    expect(response.headers.get("x-switchyard-cache")).toBe("miss");
    let args = "";
    for await (const chunk of data)
      args += chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? "";
    const hit = await json("team/cached", prompt, { tools, tool_choice: "required" });
    expect(hit.cache).toBe("hit");
    const call = hit.data.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === "function" ? call.function : null).toEqual({
      name: "get_weather",
      arguments: args,
    });
    expect(hit.data.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("keeps nothing from a stream the client abandons", async () => {
    const prompt = "Tell me a very long story about trains.";
    const controller = new AbortController();
    const stream = await client().chat.completions.create(
      { ...body("team/cached-slow", prompt), stream: true },
      { signal: controller.signal },
    );
    let chunks = 0;
    try {
      for await (const _chunk of stream) {
        chunks += 1;
        controller.abort();
      }
    } catch {
      // The SDK may end the iteration or throw on abort; either way the client is gone.
    }
    expect(chunks).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await json("team/cached-slow", prompt)).cache).toBe("miss");
  });

  it("keeps nothing from a stream the upstream cuts", async () => {
    const prompt = "Count slowly to twenty.";
    await expect(streamed("team/cached-cut", prompt)).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = await client()
      .chat.completions.create({ ...body("team/cached-cut", prompt), stream: true })
      .withResponse();
    expect(after.response.headers.get("x-switchyard-cache")).toBe("miss");
    await expect(
      (async () => {
        for await (const _chunk of after.data);
      })(),
    ).rejects.toThrow();
  });
});
