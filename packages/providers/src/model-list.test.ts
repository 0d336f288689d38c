import { describe, expect, it } from "vitest";
import { getProvider } from "./registry";
import type { ConnectionTarget } from "./types";

const connection = (baseUrl: string, apiKey: string | null = "sk-test"): ConnectionTarget => ({
  name: "conn",
  baseUrl,
  apiKey,
  settings: {},
});

describe("provider model lists", () => {
  it("OpenAI-compatible servers: GET {base}/models with the connection's auth, limits read where stated", () => {
    const list = getProvider("vllm").modelList;
    if (!list) throw new Error("vLLM has a model list");
    const request = list.request(connection("http://gpu-box:8000/v1/"));
    expect(request).toMatchObject({ url: "http://gpu-box:8000/v1/models", method: "GET" });
    expect(request.headers.authorization).toBe("Bearer sk-test");
    expect(
      list.parse({
        object: "list",
        data: [
          { id: "meta-llama/Llama-3.1-8B-Instruct", object: "model", max_model_len: 131072 },
          { id: "qwen2.5-7b", object: "model", context_length: 32768 },
          { id: "no-limit", object: "model", max_model_len: "big" },
        ],
      }),
    ).toEqual([
      { id: "meta-llama/Llama-3.1-8B-Instruct", contextWindow: 131072 },
      { id: "qwen2.5-7b", contextWindow: 32768 },
      { id: "no-limit" },
    ]);
    expect(() => list.parse({ error: "nope" })).toThrow();
  });

  it("Ollama without a credential sends no authorization header", () => {
    const request = getProvider("ollama").modelList?.request(
      connection("http://localhost:11434/v1", null),
    );
    expect(request?.url).toBe("http://localhost:11434/v1/models");
    expect(request?.headers.authorization).toBeUndefined();
  });

  it("Anthropic: GET {base}/v1/models with x-api-key and anthropic-version", () => {
    const list = getProvider("anthropic").modelList;
    const request = list?.request(connection("https://api.anthropic.com"));
    expect(request?.url).toBe("https://api.anthropic.com/v1/models?limit=1000");
    expect(request?.headers).toMatchObject({
      "x-api-key": "sk-test",
      "anthropic-version": "2023-06-01",
    });
    expect(
      list?.parse({ data: [{ type: "model", id: "claude-sonnet-4-5", display_name: "Claude" }] }),
    ).toEqual([{ id: "claude-sonnet-4-5" }]);
  });

  it("Gemini: models that serve generateContent, ids without the models/ prefix, with limits", () => {
    const list = getProvider("gemini").modelList;
    const request = list?.request(connection(""));
    expect(request?.url).toBe(
      "https://generativelanguage.googleapis.com/v1beta/models?pageSize=1000",
    );
    expect(request?.headers["x-goog-api-key"]).toBe("sk-test");
    expect(
      list?.parse({
        models: [
          {
            name: "models/gemini-2.5-flash",
            inputTokenLimit: 1048576,
            outputTokenLimit: 65536,
            supportedGenerationMethods: ["generateContent", "countTokens"],
          },
          { name: "models/text-embedding-004", supportedGenerationMethods: ["embedContent"] },
        ],
      }),
    ).toEqual([{ id: "gemini-2.5-flash", contextWindow: 1048576, maxOutputTokens: 65536 }]);
  });

  it("Azure OpenAI has no model list (deployments are added by name)", () => {
    expect(getProvider("azure-openai").modelList).toBeUndefined();
  });
});
