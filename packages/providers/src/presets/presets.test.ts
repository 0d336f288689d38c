import type { ChatCompletionRequest, ProviderKind } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { getProvider, providerKinds } from "../registry";
import { accumulate, readFixture, replaySse, testModel } from "../testing/fixtures";

const request: ChatCompletionRequest = {
  model: "auto",
  messages: [{ role: "user", content: "hi" }],
  max_completion_tokens: 100,
  seed: 3,
  user: "u1",
  logprobs: true,
  top_logprobs: 2,
  stream_options: { include_usage: true },
};

function body(kind: ProviderKind, stream: boolean) {
  const upstream = getProvider(kind).buildRequest(
    testModel({ providerKind: kind, upstreamName: "m" }),
    request,
    { stream },
  );
  return { upstream, body: JSON.parse(upstream.body) as Record<string, unknown> };
}

describe("OpenAI-compatible presets", () => {
  it.each([
    ["groq", "https://api.groq.com/openai/v1/chat/completions"],
    ["together", "https://api.together.xyz/v1/chat/completions"],
    ["mistral", "https://api.mistral.ai/v1/chat/completions"],
    ["deepseek", "https://api.deepseek.com/chat/completions"],
    ["fireworks", "https://api.fireworks.ai/inference/v1/chat/completions"],
    ["openrouter", "https://openrouter.ai/api/v1/chat/completions"],
    ["vllm", "http://localhost:8000/v1/chat/completions"],
    ["ollama", "http://localhost:11434/v1/chat/completions"],
  ] as const)("%s defaults to %s with a bearer key", (kind, url) => {
    const { upstream } = body(kind, false);
    expect(upstream.url).toBe(url);
    expect(upstream.headers.authorization).toBe("Bearer sk-test");
  });

  it("sends max_tokens to servers that only know it", () => {
    for (const kind of ["mistral", "together", "deepseek", "fireworks", "ollama"] as const) {
      const { body: sent } = body(kind, false);
      expect(sent.max_tokens, kind).toBe(100);
      expect(sent.max_completion_tokens, kind).toBeUndefined();
    }
    expect(body("openai", false).body.max_completion_tokens).toBe(100);
  });

  it("asks for stream usage only where stream_options is supported", () => {
    expect(body("deepseek", true).body.stream_options).toEqual({ include_usage: true });
    expect(body("vllm", true).body.stream_options).toEqual({ include_usage: true });
    expect(body("mistral", true).body.stream_options).toBeUndefined();
    expect(body("openrouter", true).body.stream_options).toBeUndefined();
  });

  it("renames seed and drops fields Mistral rejects", () => {
    const { body: sent } = body("mistral", true);
    expect(sent.random_seed).toBe(3);
    expect(sent.seed).toBeUndefined();
    expect(sent.user).toBeUndefined();
    expect(sent.logprobs).toBeUndefined();
    expect(sent.stream).toBe(true);
  });

  it("drops logprobs for Groq and reads usage from x_groq", () => {
    const { body: sent } = body("groq", true);
    expect(sent.logprobs).toBeUndefined();
    expect(sent.top_logprobs).toBeUndefined();
    const translator = getProvider("groq").createStreamTranslator(
      testModel({ providerKind: "groq" }),
      {
        ...request,
        stream_options: undefined,
      },
    );
    const chunks = replaySse(
      readFixture(new URL("./groq/fixtures/stream-x-groq-usage.sse", import.meta.url)),
      translator,
    );
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe(
      "Hello there",
    );
    expect(translator.usage()).toMatchObject({ inputTokens: 18, outputTokens: 3 });
    expect(translator.done()).toBe(true);
  });

  it("records usage Mistral sends unasked without relaying it, and takes whole tool calls", () => {
    const translator = getProvider("mistral").createStreamTranslator(
      testModel({ providerKind: "mistral" }),
      { ...request, stream_options: undefined },
    );
    const chunks = replaySse(
      readFixture(new URL("./mistral/fixtures/stream-usage-unasked.sse", import.meta.url)),
      translator,
    );
    expect(accumulate(chunks)).toEqual({
      content: "Bonjour",
      finishReason: "tool_calls",
      toolCalls: [{ id: "D681PevKs", name: "get_weather", arguments: '{"city": "Paris"}' }],
    });
    expect(chunks.every((chunk) => chunk.usage === undefined)).toBe(true);
    expect(translator.usage()).toMatchObject({ inputTokens: 70, outputTokens: 24 });
  });

  it("lets a connection override the base URL", () => {
    const upstream = getProvider("vllm").buildRequest(
      testModel({ providerKind: "vllm", baseUrl: "http://gpu-box:9000/v1" }),
      request,
      { stream: false },
    );
    expect(upstream.url).toBe("http://gpu-box:9000/v1/chat/completions");
  });
});

describe("Azure OpenAI", () => {
  const azure = testModel({
    providerKind: "azure-openai",
    baseUrl: "https://my-resource.openai.azure.com/",
    upstreamName: "gpt-4o-mini",
    settings: { deployment: "prod-4o-mini", apiVersion: "2024-10-21" },
  });

  it("targets the deployment with api-version and an api-key header", () => {
    const upstream = getProvider("azure-openai").buildRequest(azure, request, { stream: true });
    expect(upstream.url).toBe(
      "https://my-resource.openai.azure.com/openai/deployments/prod-4o-mini/chat/completions?api-version=2024-10-21",
    );
    expect(upstream.headers["api-key"]).toBe("sk-test");
    expect(upstream.headers.authorization).toBeUndefined();
    expect(JSON.parse(upstream.body).stream_options).toEqual({ include_usage: true });
  });

  it("supports the v1 route and Entra bearer tokens", () => {
    const upstream = getProvider("azure-openai").buildRequest(
      { ...azure, settings: { apiVersion: "v1", useBearerToken: true } },
      request,
      { stream: false },
    );
    expect(upstream.url).toBe("https://my-resource.openai.azure.com/openai/v1/chat/completions");
    expect(upstream.headers.authorization).toBe("Bearer sk-test");
    expect(JSON.parse(upstream.body).model).toBe("gpt-4o-mini");
  });

  it("refuses a connection without a resource URL or with bad settings", () => {
    expect(() =>
      getProvider("azure-openai").buildRequest({ ...azure, baseUrl: "" }, request, {
        stream: false,
      }),
    ).toThrow(/resource URL/);
    expect(() =>
      getProvider("azure-openai").buildRequest({ ...azure, settings: { deployment: 5 } }, request, {
        stream: false,
      }),
    ).toThrow(expect.objectContaining({ code: "invalid_model_settings" }));
  });
});

describe("registry", () => {
  it("has an adapter for every provider kind, each reporting its kind", () => {
    const kinds = providerKinds();
    expect(kinds).toHaveLength(13);
    for (const kind of kinds) expect(getProvider(kind).kind).toBe(kind);
  });

  it("throws a typed error for an unknown kind", () => {
    expect(() => getProvider("nope" as ProviderKind)).toThrow(
      expect.objectContaining({ code: "provider_not_found", status: 404 }),
    );
  });
});
