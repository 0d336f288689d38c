import { readFileSync } from "node:fs";
import type { ChatCompletionChunk, ModelInfo } from "@switchyard/core";
import { SseDecoder } from "../sse/sse-decoder";
import type { StreamTranslator } from "../types";

/** Test helpers: a ModelInfo and replaying recorded wire fixtures through an adapter. */
export function testModel(overrides: Partial<ModelInfo> = {}): ModelInfo {
  return {
    id: "model_1",
    name: "test-model",
    aliases: [],
    providerKind: "openai",
    providerConnectionId: "conn_1",
    upstreamName: "gpt-4o-mini",
    baseUrl: "",
    apiKey: "sk-test",
    settings: {},
    inputPricePerMillion: 0.15,
    outputPricePerMillion: 0.6,
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    capabilities: ["tools", "vision", "json", "json_schema", "streaming"],
    teamId: null,
    enabled: true,
    ...overrides,
  };
}

export const readFixture = (url: URL): string => readFileSync(url, "utf8");

export const readJsonFixture = (url: URL): unknown => JSON.parse(readFixture(url)) as unknown;

/**
 * The wire fixtures recorded for a provider (src/<provider>/fixtures), read by file name: as
 * text, as JSON, or (an SSE stream) replayed through a translator as `replaySse` does.
 */
export function providerFixtures(provider: "anthropic" | "azure-openai" | "gemini" | "openai") {
  const url = (name: string) => new URL(`../${provider}/fixtures/${name}`, import.meta.url);
  return {
    text: (name: string) => readFixture(url(name)),
    json: (name: string) => readJsonFixture(url(name)),
    replay: (name: string, translator: StreamTranslator, chunkSize?: number) =>
      replaySse(readFixture(url(name)), translator, chunkSize),
  };
}

/** Feed an SSE fixture through the decoder (in chunks of `chunkSize` bytes) and a translator. */
export function replaySse(
  text: string,
  translator: StreamTranslator,
  chunkSize = 37,
): ChatCompletionChunk[] {
  const decoder = new SseDecoder();
  const bytes = Buffer.from(text, "utf8");
  const chunks: ChatCompletionChunk[] = [];
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    for (const event of decoder.push(bytes.subarray(offset, offset + chunkSize))) {
      chunks.push(...translator.push(event));
    }
  }
  for (const event of decoder.end()) chunks.push(...translator.push(event));
  return chunks;
}

/** Text and tool calls accumulated from canonical chunks, as a client would rebuild them. */
export function accumulate(chunks: ChatCompletionChunk[]) {
  let content = "";
  let finishReason: string | null = null;
  const toolCalls: { id: string; name: string; arguments: string }[] = [];
  for (const chunk of chunks) {
    for (const choice of chunk.choices) {
      if (choice.delta.content) content += choice.delta.content;
      for (const call of choice.delta.tool_calls ?? []) {
        const existing = toolCalls[call.index];
        if (existing) existing.arguments += call.function?.arguments ?? "";
        else
          toolCalls[call.index] = {
            id: call.id ?? "",
            name: call.function?.name ?? "",
            arguments: call.function?.arguments ?? "",
          };
      }
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
  }
  return { content, finishReason, toolCalls };
}
