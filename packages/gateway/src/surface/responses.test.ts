/**
 * OpenAI's Responses API through the gateway with the official SDK: plain, streamed (the typed
 * event sequence), a function-call round trip, structured output, served by OpenAI-style and
 * Anthropic upstreams alike, routed and logged as a chat.
 */
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, TEST_KEY, waitFor } from "../testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const client = () => new OpenAI({ apiKey: TEST_KEY, baseURL: `${h.server.url}/v1`, maxRetries: 0 });

const weather = {
  type: "function" as const,
  name: "get_weather",
  description: "Weather for a city",
  parameters: {
    type: "object",
    properties: { city: { type: "string" } },
    required: ["city"],
    additionalProperties: false,
  },
  strict: true,
};

describe("POST /v1/responses", () => {
  for (const model of ["small", "claude"]) {
    it(`answers responses.create with output_text and usage (${model})`, async () => {
      const response = await client().responses.create({
        model,
        instructions: "Be brief.",
        input: "Say hello.",
        store: false,
      });
      expect(response.object).toBe("response");
      expect(response.status).toBe("completed");
      expect(response.output_text.length).toBeGreaterThan(0);
      expect(response.usage?.input_tokens).toBeGreaterThan(0);
      expect(response.usage?.total_tokens).toBe(
        (response.usage?.input_tokens ?? 0) + (response.usage?.output_tokens ?? 0),
      );
    });
  }

  it("streams the typed event sequence, ending with response.completed", async () => {
    const stream = await client().responses.create({
      model: "small",
      input: [{ role: "user", content: "Tell me a story." }],
      stream: true,
    });
    const types: string[] = [];
    let text = "";
    let sequence = -1;
    let completed: OpenAI.Responses.Response | undefined;
    for await (const event of stream) {
      types.push(event.type);
      expect(event.sequence_number).toBe(sequence + 1);
      sequence = event.sequence_number;
      if (event.type === "response.output_text.delta") text += event.delta;
      if (event.type === "response.completed") completed = event.response;
    }
    expect(types.slice(0, 4)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
    ]);
    expect(types.slice(-4)).toEqual([
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(text.length).toBeGreaterThan(0);
    expect(
      completed?.output_text ??
        (completed?.output[0] as { content: { text: string }[] })?.content[0]?.text,
    ).toBe(text);
    expect(completed?.usage?.output_tokens).toBeGreaterThan(0);
  });

  it("round-trips a function call: function_call out, function_call_output back in", async () => {
    const first = await client().responses.create({
      model: "small",
      input: "What is the weather in Paris?",
      tools: [weather],
      tool_choice: "required",
    });
    const call = first.output.find((item) => item.type === "function_call");
    expect(call?.type).toBe("function_call");
    if (call?.type !== "function_call") return;
    expect(call.name).toBe("get_weather");
    expect(JSON.parse(call.arguments)).toHaveProperty("city");
    const second = await client().responses.create({
      model: "small",
      input: [
        { role: "user", content: "What is the weather in Paris?" },
        {
          type: "function_call",
          call_id: call.call_id,
          name: call.name,
          arguments: call.arguments,
        },
        { type: "function_call_output", call_id: call.call_id, output: '{"temp_c": 18}' },
      ],
      tools: [weather],
    });
    expect(second.status).toBe("completed");
    expect(second.output_text.length).toBeGreaterThan(0);
  });

  it("answers JSON matching text.format's schema", async () => {
    const response = await client().responses.create({
      model: "small",
      input: "Name a city and its country.",
      text: {
        format: {
          type: "json_schema",
          name: "place",
          strict: true,
          schema: {
            type: "object",
            properties: { city: { type: "string" }, country: { type: "string" } },
            required: ["city", "country"],
            additionalProperties: false,
          },
        },
      },
    });
    const value = JSON.parse(response.output_text);
    expect(typeof value.city).toBe("string");
    expect(typeof value.country).toBe("string");
  });

  it("is routed, logged and refused like a chat: policies, the log row, OpenAI's error shape", async () => {
    await client().responses.create({ model: "fast", input: "Logged?", store: false });
    await waitFor(() => h.usage.entries.some((e) => e.surface === "responses"));
    const row = h.usage.entries.find((e) => e.surface === "responses");
    expect(row).toMatchObject({ routedModel: "small", status: "ok" });

    const refusals = [
      await h.fetch("/v1/responses", { json: { model: "small" } }),
      await h.fetch("/v1/responses", {
        json: { model: "small", input: "x", previous_response_id: "resp_123" },
      }),
      await h.fetch("/v1/responses/resp_123"),
    ];
    expect(refusals.map((r) => r.status)).toEqual([400, 400, 404]);
    for (const response of refusals) {
      const body = (await response.json()) as { error: { message: string } };
      expect(body.error.message.length).toBeGreaterThan(0);
    }
  });
});
