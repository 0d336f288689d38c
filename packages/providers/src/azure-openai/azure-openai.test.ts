import { chatCompletionChunkSchema } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { accumulate, providerFixtures, testModel } from "../testing/fixtures";
import { azureOpenAIAdapter } from "./index";

const fixtures = providerFixtures("azure-openai");
const model = testModel({
  providerKind: "azure-openai",
  baseUrl: "https://my-resource.openai.azure.com",
  settings: { deployment: "prod-4o-mini" },
});
const request = { model: "x", messages: [{ role: "user" as const, content: "hi" }] };

describe("azure openai streams and errors", () => {
  it("skips the prompt_filter_results chunk and keeps Azure's extra fields", () => {
    for (const includeUsage of [false, true]) {
      const translator = azureOpenAIAdapter.createStreamTranslator(model, {
        ...request,
        stream_options: { include_usage: includeUsage },
      });
      const chunks = fixtures.replay("stream-content-filter.sse", translator);
      for (const chunk of chunks)
        expect(chatCompletionChunkSchema.safeParse(chunk).success).toBe(true);
      expect(chunks.every((chunk) => chunk.id === "chatcmpl-AzR1")).toBe(true);
      expect(accumulate(chunks)).toMatchObject({
        content: "Hello from Azure",
        finishReason: "stop",
      });
      expect(chunks[1]?.choices[0]).toHaveProperty("content_filter_results");
      expect(chunks.length).toBe(includeUsage ? 4 : 3);
      expect(translator.usage()).toMatchObject({ inputTokens: 9, outputTokens: 4 });
    }
  });

  it("reports a content-filter rejection as the client's bad request, not retryable", () => {
    const error = azureOpenAIAdapter.parseError(
      400,
      {},
      fixtures.text("error-content-filter.json"),
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe("content_filter");
    expect(error.param).toBe("prompt");
    expect(error.retryable).toBe(false);
  });
});
