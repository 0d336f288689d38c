/**
 * /v1/responses routed to OpenAI or Azure OpenAI goes to the upstream's own Responses API
 * (OpenAI: {base}/responses, Azure: /openai/v1/responses with the deployment as model), never
 * with `store` or `previous_response_id` (the gateway keeps state), and comes back to the client
 * in the Responses shape, logged with the upstream's usage.
 */
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeModel } from "../testing/fakes";
import { type Harness, startHarness, TEST_KEY, waitFor } from "../testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    extraModels: (baseUrl) => [
      makeModel({ name: "gpt-native", providerKind: "openai", upstreamName: "gpt-4o", baseUrl }),
      makeModel({
        name: "azure-native",
        providerKind: "azure-openai",
        upstreamName: "my-deployment",
        baseUrl: baseUrl.replace(/\/v1$/, ""),
      }),
    ],
  });
});
afterAll(async () => {
  await h.close();
});

const client = () => new OpenAI({ apiKey: TEST_KEY, baseURL: `${h.server.url}/v1`, maxRetries: 0 });
const received = (prompt: string) => {
  const found = h.mock.received().findLast((r) => JSON.stringify(r.body).includes(prompt));
  if (!found) throw new Error(`the upstream never received ${prompt}`);
  return { path: found.path, body: found.body as Record<string, unknown> };
};
const weather = {
  type: "function" as const,
  name: "get_weather",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  strict: false,
};

describe("the Responses API natively for OpenAI and Azure", () => {
  for (const [model, path, upstreamModel] of [
    ["gpt-native", "/v1/responses", "gpt-4o"],
    ["azure-native", "/openai/v1/responses", "my-deployment"],
  ] as const) {
    it(`sends ${model} to ${path}, store false, and answers in the Responses shape`, async () => {
      const prompt = `Describe a harbour at dawn (${model}).`;
      const { data, response } = await client()
        .responses.create({ model, instructions: "Be vivid.", input: prompt, store: true })
        .withResponse();
      const sent = received(prompt);
      expect(sent.path).toBe(path);
      expect(sent.body).toMatchObject({ model: upstreamModel, store: false });
      expect(sent.body).not.toHaveProperty("previous_response_id");
      expect(sent.body.input).toEqual([
        { type: "message", role: "system", content: "Be vivid." },
        { type: "message", role: "user", content: prompt },
      ]);
      expect(data.object).toBe("response");
      expect(data.status).toBe("completed");
      expect(data.model).toBe(model);
      expect(data.output_text.length).toBeGreaterThan(0);
      const id = response.headers.get("x-request-id");
      await waitFor(() => h.usage.entries.some((entry) => entry.id === id));
      const row = h.usage.entries.find((entry) => entry.id === id);
      expect(row?.inputTokens).toBe(data.usage?.input_tokens);
      expect(row?.outputTokens).toBe(data.usage?.output_tokens);
      expect(row?.usageEstimated).toBe(false);
    });
  }

  it("streams from the native event stream: the typed events, text and usage whole", async () => {
    const prompt = "Tell me about lighthouses.";
    const stream = await client().responses.create({
      model: "gpt-native",
      input: prompt,
      stream: true,
    });
    let text = "";
    let completed: OpenAI.Responses.Response | null = null;
    for await (const event of stream) {
      if (event.type === "response.output_text.delta") text += event.delta;
      if (event.type === "response.completed") completed = event.response;
    }
    const sent = received(prompt);
    expect(sent.path).toBe("/v1/responses");
    expect(sent.body).toMatchObject({ stream: true, store: false });
    expect(text.length).toBeGreaterThan(0);
    const message = completed?.output.find((item) => item.type === "message");
    const part = message?.type === "message" ? message.content[0] : undefined;
    expect(part?.type === "output_text" ? part.text : null).toBe(text);
    expect(completed?.usage?.output_tokens).toBeGreaterThan(0);
  });

  it("round-trips a function call through the native API", async () => {
    const prompt = "What is the weather in Lisbon?";
    const first = await client().responses.create({
      model: "gpt-native",
      input: prompt,
      tools: [weather],
      tool_choice: "required",
    });
    const call = first.output.find((item) => item.type === "function_call");
    expect(call?.type === "function_call" ? call.name : null).toBe("get_weather");
    if (call?.type !== "function_call") return;
    const second = await client().responses.create({
      model: "gpt-native",
      input: [
        { role: "user", content: prompt },
        call,
        { type: "function_call_output", call_id: call.call_id, output: "sunny, 24°C" },
      ],
      tools: [weather],
    });
    expect(second.output_text.length).toBeGreaterThan(0);
    const sent = received("sunny, 24°C").body.input as Record<string, unknown>[];
    expect(sent.map((item) => item.type)).toEqual([
      "message",
      "function_call",
      "function_call_output",
    ]);
    expect(sent[1]).toMatchObject({ call_id: call.call_id, name: "get_weather" });
  });

  it("keeps chat completions on chat completions for the same model", async () => {
    const prompt = "Name a bird.";
    await client().chat.completions.create({
      model: "gpt-native",
      messages: [{ role: "user", content: prompt }],
    });
    expect(received(prompt).path).toBe("/v1/chat/completions");
  });
});
