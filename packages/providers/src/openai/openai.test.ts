import {
  chatCompletionChunkSchema,
  chatCompletionRequestSchema,
  chatCompletionResponseSchema,
  parseOrThrow,
} from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { upstreamErrorReport } from "../shared/upstream-report";
import { accumulate, providerFixtures, replaySse, testModel } from "../testing/fixtures";
import { openaiAdapter } from "./index";

const fixtures = providerFixtures("openai");
const model = testModel({ upstreamName: "gpt-4o-mini-2024-07-18" });

const request = parseOrThrow(chatCompletionRequestSchema, {
  model: "switchyard/auto",
  messages: [
    { role: "developer", content: "Answer briefly." },
    { role: "user", content: [{ type: "text", text: "Weather in Paris?" }] },
  ],
  tools: [
    {
      type: "function",
      function: { name: "get_weather", parameters: { type: "object", properties: {} } },
    },
  ],
  tool_choice: "auto",
  temperature: 0.2,
  max_completion_tokens: 300,
  prediction: { type: "content", content: "x" },
});

describe("openai request mapping", () => {
  it("keeps the client's body, swapping only the model", () => {
    const upstream = openaiAdapter.buildRequest(model, request, { stream: false });
    expect(upstream.url).toBe("https://api.openai.com/v1/chat/completions");
    expect(upstream.method).toBe("POST");
    expect(upstream.headers.authorization).toBe("Bearer sk-test");
    expect(JSON.parse(upstream.body)).toEqual({ ...request, model: "gpt-4o-mini-2024-07-18" });
  });

  it("asks for usage when streaming and keeps the client's other stream options", () => {
    const upstream = openaiAdapter.buildRequest(
      testModel({ baseUrl: "https://proxy.example.com/v1/" }),
      { ...request, stream_options: { include_usage: false } },
      { stream: true },
    );
    const body = JSON.parse(upstream.body);
    expect(upstream.url).toBe("https://proxy.example.com/v1/chat/completions");
    expect(upstream.headers.accept).toBe("text/event-stream");
    expect(body.stream).toBe(true);
    expect(body.stream_options).toEqual({ include_usage: true });
  });

  it("drops stream fields for a non-streaming call", () => {
    const body = JSON.parse(
      openaiAdapter.buildRequest(
        model,
        { ...request, stream: true, stream_options: { include_usage: true } },
        { stream: false },
      ).body,
    );
    expect(body.stream).toBeUndefined();
    expect(body.stream_options).toBeUndefined();
  });

  it("sends organization, project and custom headers from settings", () => {
    const upstream = openaiAdapter.buildRequest(
      testModel({
        settings: { organization: "org-1", project: "proj-1", headers: { "x-extra": "1" } },
      }),
      request,
      { stream: false },
    );
    expect(upstream.headers["openai-organization"]).toBe("org-1");
    expect(upstream.headers["openai-project"]).toBe("proj-1");
    expect(upstream.headers["x-extra"]).toBe("1");
  });
});

describe("openai reasoning models", () => {
  it("sends max_completion_tokens and drops sampling parameters o-series and gpt-5 reject", () => {
    for (const upstreamName of ["o3", "o4-mini", "gpt-5-mini"]) {
      const body = JSON.parse(
        openaiAdapter.buildRequest(
          testModel({ upstreamName }),
          {
            model: "x",
            messages: [{ role: "user", content: "hi" }],
            max_tokens: 99,
            temperature: 0.3,
            top_p: 0.5,
          },
          { stream: false },
        ).body,
      );
      expect(body, upstreamName).toEqual({
        model: upstreamName,
        messages: [{ role: "user", content: "hi" }],
        max_completion_tokens: 99,
      });
    }
  });

  it("leaves chat models alone", () => {
    const body = JSON.parse(
      openaiAdapter.buildRequest(
        testModel({ upstreamName: "gpt-5-chat-latest" }),
        {
          model: "x",
          messages: [{ role: "user", content: "hi" }],
          max_tokens: 99,
          temperature: 0.3,
        },
        { stream: false },
      ).body,
    );
    expect(body.max_tokens).toBe(99);
    expect(body.temperature).toBe(0.3);
  });
});

describe("openai responses", () => {
  it("parses a tool-call completion into a valid canonical response", () => {
    const response = openaiAdapter.parseResponse(
      model,
      fixtures.json("chat-completion-tool-calls.json"),
    );
    expect(chatCompletionResponseSchema.safeParse(response).success).toBe(true);
    expect(response.choices[0]?.finish_reason).toBe("tool_calls");
    expect(response.choices[0]?.message.tool_calls?.[0]?.function).toEqual({
      name: "get_weather",
      arguments: '{"city":"Paris","unit":"celsius"}',
    });
    expect(response.usage?.prompt_tokens).toBe(82);
    expect(response.system_fingerprint).toBe("fp_34a54ae93c");
  });

  it("turns a 200 carrying an error object into a retryable upstream error", () => {
    let caught: unknown;
    try {
      openaiAdapter.parseResponse(model, {
        error: { message: "No endpoints available", code: 503 },
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({
      retryable: true,
      message: "OpenAI answered with an error (code 503).",
    });
    expect(upstreamErrorReport(caught)?.message).toBe("No endpoints available");
  });

  it("rejects a body that is not a completion", () => {
    expect(() => openaiAdapter.parseResponse(model, { nope: true })).toThrow(/choices/);
  });
});

describe("openai streams", () => {
  it("replays a streamed tool-call response with two parallel calls", () => {
    const translator = openaiAdapter.createStreamTranslator(model, { ...request, stream: true });
    const chunks = fixtures.replay("stream-tool-calls.sse", translator);
    for (const chunk of chunks)
      expect(chatCompletionChunkSchema.safeParse(chunk).success).toBe(true);
    expect(accumulate(chunks)).toEqual({
      content: "",
      finishReason: "tool_calls",
      toolCalls: [
        { id: "call_Ab1", name: "get_weather", arguments: '{"city": "Paris"}' },
        { id: "call_Cd2", name: "get_time", arguments: '{"tz": "Europe/Paris"}' },
      ],
    });
    expect(translator.usage()).toMatchObject({ inputTokens: 91, outputTokens: 46 });
    expect(translator.done()).toBe(true);
    // The client did not ask for usage: the usage-only chunk the gateway requested is not relayed.
    expect(chunks.some((chunk) => chunk.choices.length === 0)).toBe(false);
  });

  it("relays the usage chunk when the client asked for it", () => {
    const translator = openaiAdapter.createStreamTranslator(model, {
      ...request,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = fixtures.replay("stream-text.sse", translator, 5);
    expect(accumulate(chunks).content).toBe("Bonjour le monde 🌍");
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage?.total_tokens).toBe(17);
  });

  it("is not done before [DONE]", () => {
    const translator = openaiAdapter.createStreamTranslator(model, request);
    const text = fixtures.text("stream-text.sse").replace("data: [DONE]\n\n", "");
    replaySse(text, translator);
    expect(translator.done()).toBe(false);
    expect(translator.usage()).toMatchObject({ inputTokens: 12, outputTokens: 5 });
  });
});

describe("openai-compatible stream failures", () => {
  it("throws a retryable error for an error object sent mid-stream", () => {
    const translator = openaiAdapter.createStreamTranslator(model, request);
    const text =
      'data: {"id":"gen-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}\n\n' +
      'data: {"error":{"message":"Provider returned error","code":502}}\n\n';
    expect(() => replaySse(text, translator)).toThrow(
      expect.objectContaining({
        retryable: true,
        message: "OpenAI answered with an error (code 502).",
      }),
    );
  });

  it("rejects a chunk that is not JSON as a bad upstream response", () => {
    const translator = openaiAdapter.createStreamTranslator(model, request);
    expect(() => translator.push({ data: "{not json" })).toThrow(
      expect.objectContaining({ status: 502, retryable: false }),
    );
  });

  it("normalises finish reasons and fills ids from compatible servers", () => {
    const response = openaiAdapter.parseResponse(model, {
      choices: [{ message: { role: "assistant", content: "ok" }, finish_reason: "eos" }],
    });
    expect(response.choices[0]?.finish_reason).toBe("stop");
    expect(response.id).toMatch(/^chatcmpl-/);
    expect(response.model).toBe("gpt-4o-mini-2024-07-18");
    expect(response.object).toBe("chat.completion");
  });
});

describe("openai errors", () => {
  it("marks a context overflow with context_length_exceeded", () => {
    const error = openaiAdapter.parseError(400, {}, fixtures.text("error-context-length.json"));
    expect(error.code).toBe("context_length_exceeded");
    expect(error.status).toBe(400);
    expect(error.retryable).toBe(false);
  });

  it("makes a 429 retryable and honours retry-after-ms over retry-after", () => {
    const error = openaiAdapter.parseError(
      429,
      { "retry-after-ms": "210", "retry-after": "1" },
      fixtures.text("error-rate-limit.json"),
    );
    expect(error.status).toBe(429);
    expect(error.retryable).toBe(true);
    expect(error.retryAfterSeconds).toBeCloseTo(0.21);
    expect(error.code).toBe("rate_limit_exceeded");
  });

  it("does not retry a bad key and does not present it as the client's auth failure", () => {
    const error = openaiAdapter.parseError(401, {}, fixtures.text("error-invalid-key.json"));
    expect(error.retryable).toBe(false);
    expect(error.status).toBe(502);
    expect(error.code).toBe("upstream_authentication_error");
  });

  it("retries a 5xx HTML page", () => {
    const error = openaiAdapter.parseError(502, { "retry-after": "3" }, "<html>Bad gateway</html>");
    expect(error.retryable).toBe(true);
    expect(error.retryAfterSeconds).toBe(3);
    expect(error.message).toContain("HTTP 502");
  });
});
