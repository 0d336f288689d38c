import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockLlm, startMockLlm } from "./index";
import { bookingTool, conforms, parseSse, post, weatherTool } from "./test-helpers";

let mock: MockLlm;
beforeAll(async () => {
  mock = await startMockLlm({ port: 0 });
});
afterAll(async () => {
  await mock.close();
});

const chat = (body: Record<string, unknown>, headers?: Record<string, string>) =>
  post(`${mock.url}/v1/chat/completions`, body, headers);

const userMessage = "Explain in two sentences why the sky looks blue during the day.";

interface Completion {
  id: string;
  object: string;
  model: string;
  choices: Array<{
    index: number;
    finish_reason: string;
    message: {
      role: string;
      content: string | null;
      tool_calls?: Array<{
        id: string;
        type: string;
        function: { name: string; arguments: string };
      }>;
    };
  }>;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

interface Chunk {
  object: string;
  choices: Array<{
    index: number;
    finish_reason: string | null;
    delta: {
      role?: string;
      content?: string | null;
      tool_calls?: Array<{
        index: number;
        id?: string;
        function: { name?: string; arguments: string };
      }>;
    };
  }>;
  usage?: Completion["usage"] | null;
}

describe("OpenAI chat completions", () => {
  it("answers JSON with realistic usage", async () => {
    const system = "You are terse.";
    const response = await chat({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: system },
        { role: "user", content: userMessage },
      ],
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    const body = response.json() as Completion;
    expect(body.object).toBe("chat.completion");
    expect(body.id).toMatch(/^chatcmpl-/);
    expect(body.model).toBe("gpt-4o-mini");
    const choice = body.choices[0]!;
    expect(choice.finish_reason).toBe("stop");
    expect(choice.message.role).toBe("assistant");
    const content = choice.message.content ?? "";
    expect(content).toMatch(/^[A-Z][a-z]+( [a-z]+)*[.]?/);
    expect(body.usage.prompt_tokens).toBe(Math.ceil((system.length + userMessage.length) / 4));
    expect(body.usage.completion_tokens).toBe(Math.ceil(content.length / 4));
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
  });

  it("is deterministic per prompt and model, and differs across models", async () => {
    const ask = async (model: string) =>
      (
        (
          await chat({ model, messages: [{ role: "user", content: userMessage }] })
        ).json() as Completion
      ).choices[0]!.message.content;
    const first = await ask("gpt-4o");
    expect(await ask("gpt-4o")).toBe(first);
    expect(await ask("gpt-4o-mini")).not.toBe(first);
    // Control tokens do not change the answer.
    expect(await ask("gpt-4o+mock-delay-1")).toBe(first);
  });

  it("makes longer answers for longer prompts and honours max_tokens", async () => {
    const long = `${userMessage} `.repeat(20);
    const short = (
      await chat({ model: "m", messages: [{ role: "user", content: "Hi" }] })
    ).json() as Completion;
    const longer = (
      await chat({ model: "m", messages: [{ role: "user", content: long }] })
    ).json() as Completion;
    expect(longer.usage.completion_tokens).toBeGreaterThan(short.usage.completion_tokens * 3);
    const capped = (
      await chat({ model: "m", max_tokens: 10, messages: [{ role: "user", content: long }] })
    ).json() as Completion;
    expect(capped.choices[0]!.finish_reason).toBe("length");
    expect(capped.usage.completion_tokens).toBeLessThanOrEqual(10);
    expect(capped.usage.completion_tokens).toBeGreaterThan(5);
  });

  it("streams chunks ending with [DONE] whose deltas add up to the JSON answer", async () => {
    const request = { model: "gpt-4o", messages: [{ role: "user", content: userMessage }] };
    const whole = ((await chat(request)).json() as Completion).choices[0]!.message.content;
    const response = await chat({ ...request, stream: true });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const events = parseSse(response.text);
    expect(events.at(-1)!.data).toBe("[DONE]");
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.data) as Chunk);
    expect(chunks.every((chunk) => chunk.object === "chat.completion.chunk")).toBe(true);
    expect(chunks.every((chunk) => !("usage" in chunk))).toBe(true);
    expect(chunks[0]!.choices[0]!.delta.role).toBe("assistant");
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe("stop");
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
    expect(text).toBe(whole);
    expect(chunks.length).toBe(8 + 2);
  });

  it("adds a final usage chunk with empty choices only when include_usage is set", async () => {
    const response = await chat({
      model: "gpt-4o",
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: userMessage }],
    });
    const events = parseSse(response.text);
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.data) as Chunk);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage!.prompt_tokens).toBe(Math.ceil(userMessage.length / 4));
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
    expect(last.usage!.completion_tokens).toBe(Math.ceil(text.length / 4));
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it("calls a tool with schema-valid arguments (free choice)", async () => {
    const response = await chat({
      model: "gpt-4o",
      messages: [{ role: "user", content: "Book a table for dinner tonight" }],
      tools: [
        { type: "function", function: weatherTool },
        { type: "function", function: bookingTool },
      ],
    });
    const body = response.json() as Completion;
    const choice = body.choices[0]!;
    expect(choice.finish_reason).toBe("tool_calls");
    expect(choice.message.content).toBeNull();
    const call = choice.message.tool_calls![0]!;
    expect(call.type).toBe("function");
    expect(call.id).toMatch(/^call_/);
    expect(call.function.name).toBe("book_table");
    const args = JSON.parse(call.function.arguments) as { time: string };
    expect(conforms(bookingTool.parameters, args)).toBe(true);
    expect(Number.isNaN(Date.parse(args.time))).toBe(false);
  });

  it("forces the named tool, streams its arguments, and answers in text after a tool result", async () => {
    const tools = [
      { type: "function", function: weatherTool },
      { type: "function", function: bookingTool },
    ];
    const forced = { type: "function", function: { name: "get_weather" } };
    const messages = [{ role: "user", content: "Book a table for dinner tonight" }];
    const stream = await chat({
      model: "gpt-4o",
      stream: true,
      messages,
      tools,
      tool_choice: forced,
    });
    const chunks = parseSse(stream.text)
      .slice(0, -1)
      .map((event) => JSON.parse(event.data) as Chunk);
    const first = chunks[0]!.choices[0]!.delta.tool_calls![0]!;
    expect(first.function.name).toBe("get_weather");
    expect(first.id).toMatch(/^call_/);
    const args = chunks
      .map((chunk) => chunk.choices[0]?.delta.tool_calls?.[0]?.function.arguments ?? "")
      .join("");
    expect(conforms(weatherTool.parameters, JSON.parse(args))).toBe(true);
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe("tool_calls");

    const none = (
      await chat({ model: "gpt-4o", messages, tools, tool_choice: "none" })
    ).json() as Completion;
    expect(none.choices[0]!.message.tool_calls).toBeUndefined();

    const afterResult = (
      await chat({
        model: "gpt-4o",
        tools,
        messages: [
          ...messages,
          {
            role: "assistant",
            content: null,
            tool_calls: [
              {
                id: "call_1",
                type: "function",
                function: { name: "get_weather", arguments: "{}" },
              },
            ],
          },
          { role: "tool", tool_call_id: "call_1", content: '{"temperature": 21}' },
        ],
      })
    ).json() as Completion;
    expect(afterResult.choices[0]!.finish_reason).toBe("stop");
    expect(afterResult.choices[0]!.message.content!.length).toBeGreaterThan(0);

    const unknown = await chat({
      model: "gpt-4o",
      messages,
      tools,
      tool_choice: { type: "function", function: { name: "nope" } },
    });
    expect(unknown.status).toBe(400);
  });

  it("returns JSON objects in JSON mode and schema-conforming JSON for json_schema", async () => {
    const messages = [{ role: "user", content: "Describe a city as JSON" }];
    const object = (
      await chat({ model: "gpt-4o", messages, response_format: { type: "json_object" } })
    ).json() as Completion;
    const parsed = JSON.parse(object.choices[0]!.message.content!) as unknown;
    expect(typeof parsed).toBe("object");
    expect(Array.isArray(parsed)).toBe(false);

    const schema = {
      type: "object",
      properties: {
        name: { type: "string" },
        population: { type: "integer", minimum: 1000 },
        tags: {
          type: "array",
          items: { type: "string", enum: ["coastal", "capital", "historic"] },
          minItems: 2,
        },
        location: {
          type: "object",
          properties: {
            lat: { type: "number", minimum: -90, maximum: 90 },
            lon: { type: "number" },
          },
          required: ["lat", "lon"],
          additionalProperties: false,
        },
        mayor: { anyOf: [{ type: "string" }, { type: "null" }] },
      },
      required: ["name", "population", "tags", "location", "mayor"],
      additionalProperties: false,
    };
    const structured = (
      await chat({
        model: "gpt-4o",
        messages,
        response_format: {
          type: "json_schema",
          json_schema: { name: "city", strict: true, schema },
        },
      })
    ).json() as Completion;
    expect(conforms(schema, JSON.parse(structured.choices[0]!.message.content!))).toBe(true);
  });

  it("serves the Azure deployment path with the deployment as the model", async () => {
    const response = await post(
      `${mock.url}/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21`,
      {
        messages: [{ role: "user", content: userMessage }],
      },
    );
    expect(response.status).toBe(200);
    const body = response.json() as Completion;
    expect(body.model).toBe("gpt-4o-prod");
    const failed = await post(
      `${mock.url}/openai/deployments/gpt-4o-prod+mock-error-429/chat/completions?api-version=1`,
      {
        messages: [{ role: "user", content: "x" }],
      },
    );
    expect(failed.status).toBe(429);
    expect(failed.json()).toEqual({
      error: { code: "429", message: expect.any(String), param: null, type: null },
    });
    const noVersion = await post(`${mock.url}/openai/deployments/gpt-4o-prod/chat/completions`, {
      messages: [{ role: "user", content: "x" }],
    });
    expect(noVersion.status).toBe(404);
    const v1 = await post(`${mock.url}/openai/v1/chat/completions`, {
      model: "gpt-4o-prod",
      messages: [{ role: "user", content: userMessage }],
    });
    expect((v1.json() as Completion).model).toBe("gpt-4o-prod");
  });

  it("rejects malformed requests with OpenAI error bodies, lists models and reports health", async () => {
    const missing = await chat({ model: "gpt-4o" });
    expect(missing.status).toBe(400);
    expect(missing.json()).toEqual({
      error: {
        message: "Missing required parameter: 'messages'.",
        type: "invalid_request_error",
        param: null,
        code: null,
      },
    });
    const notJson = await fetch(`${mock.url}/v1/chat/completions`, {
      method: "POST",
      body: "{oops",
    });
    expect(notJson.status).toBe(400);
    const models = (await (await fetch(`${mock.url}/v1/models`)).json()) as {
      object: string;
      data: Array<{ id: string; object: string }>;
    };
    expect(models.object).toBe("list");
    expect(models.data.some((model) => model.id === "gpt-4o" && model.object === "model")).toBe(
      true,
    );
    const health = await fetch(`${mock.url}/health`);
    expect(await health.json()).toEqual({ status: "ok" });
    const unknown = await fetch(`${mock.url}/v2/whatever`, { method: "POST", body: "{}" });
    expect(unknown.status).toBe(404);
  });
});
