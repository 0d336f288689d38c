import { chatCompletionRequestSchema, parseOrThrow, SwitchyardError } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { azureOpenAIAdapter } from "../../azure-openai";
import { forResponsesRequest } from "../../responses-api";
import { testModel } from "../../testing/fixtures";
import { openaiAdapter } from "../index";
import { NativeResponsesStreamTranslator } from "./native-stream";

const request = (extra: Record<string, unknown> = {}) =>
  parseOrThrow(chatCompletionRequestSchema, {
    model: "x",
    messages: [
      { role: "system", content: "Be terse." },
      {
        role: "user",
        content: [
          { type: "text", text: "What is in this picture, and the weather there?" },
          { type: "image_url", image_url: { url: "https://x.test/a.png" } },
        ],
      },
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "call_1", type: "function", function: { name: "w", arguments: "{}" } }],
      },
      { role: "tool", tool_call_id: "call_1", content: "sunny" },
    ],
    tools: [
      { type: "function", function: { name: "w", parameters: { type: "object" }, strict: true } },
    ],
    tool_choice: { type: "function", function: { name: "w" } },
    response_format: {
      type: "json_schema",
      json_schema: { name: "out", schema: { type: "object" }, strict: true },
    },
    max_completion_tokens: 300,
    temperature: 0.3,
    reasoning_effort: "low",
    ...extra,
  });

const native = (
  adapter = openaiAdapter,
  model = testModel({ upstreamName: "gpt-4o" }),
  r = request(),
) => {
  const upstream = forResponsesRequest(adapter, r).buildRequest(model, r, { stream: false });
  return { url: upstream.url, body: JSON.parse(upstream.body) };
};

describe("the native Responses API request", () => {
  it("carries the conversation as input items, tools flat, format in text, store false", () => {
    const { url, body } = native();
    expect(url).toBe("https://api.openai.com/v1/responses");
    expect(body).toEqual({
      model: "gpt-4o",
      store: false,
      input: [
        { type: "message", role: "system", content: "Be terse." },
        {
          type: "message",
          role: "user",
          content: [
            { type: "input_text", text: "What is in this picture, and the weather there?" },
            { type: "input_image", image_url: "https://x.test/a.png", detail: "auto" },
          ],
        },
        { type: "function_call", call_id: "call_1", name: "w", arguments: "{}" },
        { type: "function_call_output", call_id: "call_1", output: "sunny" },
      ],
      tools: [{ type: "function", name: "w", parameters: { type: "object" }, strict: true }],
      tool_choice: { type: "function", name: "w" },
      text: {
        format: { type: "json_schema", name: "out", schema: { type: "object" }, strict: true },
      },
      max_output_tokens: 300,
      temperature: 0.3,
    });
  });

  it("gives reasoning models their effort and no sampling parameters", () => {
    const { body } = native(openaiAdapter, testModel({ upstreamName: "o3" }));
    expect(body.reasoning).toEqual({ effort: "low" });
    expect(body).not.toHaveProperty("temperature");
  });

  it("goes to Azure's /openai/v1/responses with the deployment as model", () => {
    const model = testModel({
      providerKind: "azure-openai",
      baseUrl: "https://r.openai.azure.com",
      upstreamName: "gpt-4o",
      settings: { deployment: "prod-4o" },
    });
    const { url, body } = native(azureOpenAIAdapter, model);
    expect(url).toBe("https://r.openai.azure.com/openai/v1/responses");
    expect(body.model).toBe("prod-4o");
  });

  it("leaves a request the Responses API cannot carry (stop, seed, n > 1) on chat completions", () => {
    for (const extra of [{ stop: ["END"] }, { seed: 7 }, { n: 2 }])
      expect(forResponsesRequest(openaiAdapter, request(extra))).toBe(openaiAdapter);
    expect(forResponsesRequest(openaiAdapter, request())).not.toBe(openaiAdapter);
  });
});

describe("the native Responses API answer", () => {
  const api = openaiAdapter.responsesApi;
  const model = testModel();
  it("maps output items, finish reason and usage classes to the canonical response", () => {
    const response = api?.parseResponse(model, {
      id: "resp_1",
      object: "response",
      created_at: 5,
      model: "gpt-4o",
      status: "incomplete",
      incomplete_details: { reason: "max_output_tokens" },
      output: [
        { type: "reasoning", id: "rs_1", summary: [] },
        { type: "message", role: "assistant", content: [{ type: "output_text", text: "Half" }] },
      ],
      usage: {
        input_tokens: 10,
        input_tokens_details: { cached_tokens: 4 },
        output_tokens: 7,
        output_tokens_details: { reasoning_tokens: 3 },
        total_tokens: 17,
      },
    });
    expect(response?.choices[0]).toMatchObject({
      message: { role: "assistant", content: "Half" },
      finish_reason: "length",
    });
    expect(response?.usage).toEqual({
      prompt_tokens: 10,
      completion_tokens: 7,
      total_tokens: 17,
      prompt_tokens_details: { cached_tokens: 4 },
      completion_tokens_details: { reasoning_tokens: 3 },
    });
  });

  it("turns a failed response into a typed upstream error", () => {
    expect(() =>
      api?.parseResponse(model, {
        status: "failed",
        error: { code: "server_error", message: "x" },
        output: [],
      }),
    ).toThrow(SwitchyardError);
  });

  it("translates the event stream: tool call, finish and usage", () => {
    const translator = new NativeResponsesStreamTranslator(
      "OpenAI",
      request({ stream: true, stream_options: { include_usage: true } }),
    );
    const push = (type: string, data: object) =>
      translator.push({ event: type, data: JSON.stringify({ type, ...data }) });
    expect(
      push("response.created", { response: { id: "resp_9", model: "gpt-4o", output: [] } }),
    ).toHaveLength(1);
    const added = push("response.output_item.added", {
      output_index: 1,
      item: { type: "function_call", call_id: "call_7", name: "w", arguments: "" },
    });
    expect(added[0]?.choices[0]?.delta.tool_calls?.[0]).toMatchObject({ index: 0, id: "call_7" });
    const args = push("response.function_call_arguments.delta", {
      output_index: 1,
      delta: '{"c":1}',
    });
    expect(args[0]?.choices[0]?.delta.tool_calls?.[0]?.function?.arguments).toBe('{"c":1}');
    expect(translator.done()).toBe(false);
    const end = push("response.completed", {
      response: { status: "completed", output: [], usage: { input_tokens: 3, output_tokens: 2 } },
    });
    expect(end[0]?.choices[0]?.finish_reason).toBe("tool_calls");
    expect(end[1]?.usage?.total_tokens).toBe(5);
    expect(translator.done()).toBe(true);
    expect(translator.usage()).toEqual({ inputTokens: 3, outputTokens: 2 });
    expect(() => push("error", { code: "server_error", message: "boom" })).toThrow(SwitchyardError);
  });
});
