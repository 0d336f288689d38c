import type {
  ChatCompletionChunk,
  ChatCompletionRequest,
  ChunkChoice,
  CompletionUsage,
  ModelInfo,
} from "@switchyard/core";
import { tokenUsageOf } from "@switchyard/core";
import { makeId, nowSeconds } from "../shared/ids";
import { parseJsonText, parseUpstream } from "../shared/json";
import { upstreamStreamError } from "../shared/upstream-report";
import type { StreamTranslator, Usage } from "../types";
import { mapGeminiFinishReason, mapGeminiUsage, splitParts } from "./gemini-response";
import { geminiErrorSchema, geminiResponseSchema } from "./gemini-schema";

/**
 * Gemini `streamGenerateContent?alt=sse`: every event is a whole GenerateContentResponse with the
 * next piece of text; function calls arrive complete in one event; usageMetadata is cumulative;
 * the stream simply ends (no [DONE]) after the event with a finishReason.
 */
export class GeminiStreamTranslator implements StreamTranslator {
  private readonly id = makeId("chatcmpl-");
  private readonly created = nowSeconds();
  private modelName: string;
  private lastUsage: CompletionUsage | null = null;
  private finished = false;
  private readonly started = new Set<number>();
  private readonly toolCallCount = new Map<number, number>();
  private readonly clientWantsUsage: boolean;

  constructor(model: ModelInfo, request: ChatCompletionRequest) {
    this.modelName = model.upstreamName;
    this.clientWantsUsage = request.stream_options?.include_usage === true;
  }

  push(event: { event?: string; data: string }): ChatCompletionChunk[] {
    const json = parseJsonText(event.data, "Gemini stream event");
    const failure = geminiErrorSchema.safeParse(json);
    if (failure.success) {
      const { message, status } = failure.data.error;
      throw upstreamStreamError("Gemini", { message, code: status ?? null });
    }
    const response = parseUpstream(geminiResponseSchema, json, "Gemini stream event");
    if (response.modelVersion) this.modelName = response.modelVersion;
    if (response.usageMetadata) this.lastUsage = mapGeminiUsage(response.usageMetadata);
    const choices: ChunkChoice[] = [];
    for (const [position, candidate] of (response.candidates ?? []).entries()) {
      const index = candidate.index ?? position;
      const delta: ChunkChoice["delta"] = {};
      if (!this.started.has(index)) {
        this.started.add(index);
        delta.role = "assistant";
      }
      const before = this.toolCallCount.get(index) ?? 0;
      const { text, toolCalls } = splitParts(
        candidate.content?.parts ?? [],
        `call_${index}_`,
        before,
      );
      if (text !== "") delta.content = text;
      if (toolCalls.length > 0) {
        delta.tool_calls = toolCalls.map((call, i) => ({ index: before + i, ...call }));
        this.toolCallCount.set(index, before + toolCalls.length);
      }
      const finish = mapGeminiFinishReason(
        candidate.finishReason,
        (this.toolCallCount.get(index) ?? 0) > 0,
      );
      if (finish) this.finished = true;
      choices.push({ index, delta, finish_reason: finish, logprobs: null });
    }
    if (choices.length === 0 && response.promptFeedback?.blockReason) {
      this.finished = true;
      choices.push({
        index: 0,
        delta: { role: "assistant" },
        finish_reason: "content_filter",
        logprobs: null,
      });
    }
    const chunks: ChatCompletionChunk[] = [];
    if (choices.length > 0) chunks.push(this.chunk(choices));
    if (this.finished && this.clientWantsUsage && this.lastUsage) {
      const usageChunk = this.chunk([]);
      usageChunk.usage = this.lastUsage;
      chunks.push(usageChunk);
    }
    return chunks;
  }

  usage(): Usage | null {
    return this.lastUsage === null ? null : tokenUsageOf(this.lastUsage);
  }

  done(): boolean {
    return this.finished;
  }

  private chunk(choices: ChunkChoice[]): ChatCompletionChunk {
    return {
      id: this.id,
      object: "chat.completion.chunk",
      created: this.created,
      model: this.modelName,
      choices,
    };
  }
}
