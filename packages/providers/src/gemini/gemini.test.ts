import {
  chatCompletionChunkSchema,
  chatCompletionRequestSchema,
  chatCompletionResponseSchema,
  parseOrThrow,
} from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { accumulate, providerFixtures, testModel } from "../testing/fixtures";
import { geminiAdapter } from "./index";

const fixtures = providerFixtures("gemini");
const model = testModel({
  providerKind: "gemini",
  upstreamName: "gemini-2.5-flash",
  apiKey: "AIza-test",
});

const request = parseOrThrow(chatCompletionRequestSchema, {
  model: "gemini-flash",
  messages: [
    { role: "system", content: "Be brief." },
    {
      role: "user",
      content: [
        { type: "text", text: "Weather?" },
        { type: "image_url", image_url: { url: "data:image/png;base64,iVBOR" } },
        { type: "input_audio", input_audio: { data: "UklGR", format: "wav" } },
      ],
    },
    {
      role: "assistant",
      content: null,
      tool_calls: [
        {
          id: "call_9",
          type: "function",
          function: { name: "get_weather", arguments: '{"city":"Paris"}' },
        },
      ],
    },
    { role: "tool", tool_call_id: "call_9", content: '{"temp":18}' },
    { role: "tool", tool_call_id: "call_9", content: "plain text result" },
  ],
  tools: [
    {
      type: "function",
      function: {
        name: "get_weather",
        description: "Weather",
        parameters: {
          type: "object",
          properties: { city: { type: "string" } },
          additionalProperties: false,
        },
      },
    },
  ],
  tool_choice: { type: "function", function: { name: "get_weather" } },
  max_tokens: 256,
  temperature: 0.7,
  top_p: 0.9,
  stop: ["END"],
  seed: 7,
  response_format: { type: "json_schema", json_schema: { name: "w", schema: { type: "object" } } },
});

describe("gemini request mapping", () => {
  it("calls generateContent or streamGenerateContent?alt=sse with x-goog-api-key", () => {
    const plain = geminiAdapter.buildRequest(model, request, { stream: false });
    expect(plain.url).toBe(
      "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent",
    );
    expect(plain.headers["x-goog-api-key"]).toBe("AIza-test");
    const streamed = geminiAdapter.buildRequest(
      testModel({ providerKind: "gemini", upstreamName: "models/gemini-2.5-pro" }),
      request,
      { stream: true },
    );
    expect(streamed.url).toBe(
      "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse",
    );
  });

  it("maps messages, tools, tool choice and generation config", () => {
    const body = JSON.parse(geminiAdapter.buildRequest(model, request, { stream: false }).body);
    expect(body.systemInstruction).toEqual({ parts: [{ text: "Be brief." }] });
    expect(body.contents).toEqual([
      {
        role: "user",
        parts: [
          { text: "Weather?" },
          { inlineData: { mimeType: "image/png", data: "iVBOR" } },
          { inlineData: { mimeType: "audio/wav", data: "UklGR" } },
        ],
      },
      {
        role: "model",
        parts: [{ functionCall: { name: "get_weather", args: { city: "Paris" } } }],
      },
      {
        role: "user",
        parts: [
          { functionResponse: { name: "get_weather", response: { temp: 18 } } },
          { functionResponse: { name: "get_weather", response: { content: "plain text result" } } },
        ],
      },
    ]);
    expect(body.tools).toEqual([
      {
        functionDeclarations: [
          {
            name: "get_weather",
            description: "Weather",
            parametersJsonSchema: {
              type: "object",
              properties: { city: { type: "string" } },
              additionalProperties: false,
            },
          },
        ],
      },
    ]);
    expect(body.toolConfig).toEqual({
      functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["get_weather"] },
    });
    expect(body.generationConfig).toEqual({
      maxOutputTokens: 256,
      temperature: 0.7,
      topP: 0.9,
      stopSequences: ["END"],
      seed: 7,
      responseMimeType: "application/json",
      responseJsonSchema: { type: "object" },
    });
  });

  it("rejects a tool result whose call id is unknown", () => {
    expect(() =>
      geminiAdapter.buildRequest(
        model,
        { model: "x", messages: [{ role: "tool", tool_call_id: "nope", content: "1" }] },
        { stream: false },
      ),
    ).toThrow(expect.objectContaining({ param: "messages[0].tool_call_id" }));
  });
});

describe("gemini responses", () => {
  it("maps function calls, text and thinking usage", () => {
    const response = geminiAdapter.parseResponse(
      model,
      fixtures.json("generate-content-function-call.json"),
    );
    expect(chatCompletionResponseSchema.safeParse(response).success).toBe(true);
    const choice = response.choices[0];
    expect(choice?.finish_reason).toBe("tool_calls");
    expect(choice?.message.content).toBe("Checking both cities.");
    expect(choice?.message.tool_calls?.map((call) => [call.id, call.function.arguments])).toEqual([
      ["call_0_0", '{"city":"Paris"}'],
      ["call_0_1", '{"city":"Tokyo"}'],
    ]);
    expect(response.usage).toMatchObject({
      prompt_tokens: 96,
      completion_tokens: 84,
      total_tokens: 180,
    });
    expect(response.model).toBe("gemini-2.5-flash");
  });

  it("maps MAX_TOKENS to length and SAFETY to content_filter", () => {
    const cut = geminiAdapter.parseResponse(
      model,
      fixtures.json("generate-content-max-tokens.json"),
    );
    expect(cut.choices[0]?.finish_reason).toBe("length");
    const blocked = geminiAdapter.parseResponse(
      model,
      fixtures.json("generate-content-safety.json"),
    );
    expect(blocked.choices[0]?.finish_reason).toBe("content_filter");
    expect(blocked.choices[0]?.message.content).toBe("");
  });
});

describe("gemini streams", () => {
  it("streams text (CRLF framing) and ends on the finishReason event", () => {
    const translator = geminiAdapter.createStreamTranslator(model, {
      ...request,
      stream_options: { include_usage: true },
    });
    const chunks = fixtures.replay("stream-text.sse", translator, 11);
    for (const chunk of chunks)
      expect(chatCompletionChunkSchema.safeParse(chunk).success).toBe(true);
    expect(accumulate(chunks)).toMatchObject({
      content: "The sky is blue because of Rayleigh scattering.",
      finishReason: "stop",
    });
    expect(chunks[0]?.choices[0]?.delta.role).toBe("assistant");
    expect(chunks.at(-1)?.usage?.completion_tokens).toBe(30);
    expect(translator.usage()).toMatchObject({ inputTokens: 8, outputTokens: 30 });
    expect(translator.done()).toBe(true);
  });

  it("streams a function call as one tool_calls delta", () => {
    const translator = geminiAdapter.createStreamTranslator(model, request);
    const chunks = fixtures.replay("stream-function-call.sse", translator);
    expect(accumulate(chunks)).toEqual({
      content: "Let me look that up.",
      finishReason: "tool_calls",
      toolCalls: [{ id: "call_0_0", name: "get_weather", arguments: '{"city":"Paris"}' }],
    });
    expect(chunks.every((chunk) => chunk.usage === undefined)).toBe(true);
  });
});

describe("gemini errors", () => {
  it("retries RESOURCE_EXHAUSTED after the RetryInfo delay", () => {
    const error = geminiAdapter.parseError(429, {}, fixtures.text("error-quota.json"));
    expect(error.retryable).toBe(true);
    expect(error.retryAfterSeconds).toBe(37);
  });

  it("flags a context overflow", () => {
    const error = geminiAdapter.parseError(400, {}, fixtures.text("error-context.json"));
    expect(error.code).toBe("context_length_exceeded");
  });

  it("treats an invalid API key as an upstream auth failure, not the client's bad request", () => {
    const error = geminiAdapter.parseError(400, {}, fixtures.text("error-bad-key.json"));
    expect(error.code).toBe("upstream_authentication_error");
    expect(error.retryable).toBe(false);
  });

  it("retries a 503", () => {
    const error = geminiAdapter.parseError(
      503,
      {},
      '{"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}',
    );
    expect(error.retryable).toBe(true);
    expect(error.status).toBe(503);
  });
});
