import {
  type AnthropicStreamEvent,
  type AnthropicUsage,
  anthropicStreamEventSchema,
  type ChatCompletionChunk,
  type ChatCompletionRequest,
  type ChunkChoice,
  type CompletionUsage,
  type FinishReason,
  type ModelInfo,
  tokenUsageOf,
} from "@switchyard/core";
import { makeId, nowSeconds } from "../shared/ids";
import { parseUpstreamJson } from "../shared/json";
import { classifyUpstreamError } from "../shared/upstream-error";
import type { StreamTranslator, Usage } from "../types";
import { anthropicErrorStatus } from "./anthropic-error";
import { mapAnthropicStopReason, mapAnthropicUsage } from "./anthropic-response";

/**
 * Anthropic SSE (message_start, content_block_*, message_delta, message_stop, ping, error) →
 * canonical chunks. Text deltas become `content`, tool_use blocks become `tool_calls` deltas
 * (id and name first, then input_json_delta fragments as `arguments`).
 */
export class AnthropicStreamTranslator implements StreamTranslator {
  private id = makeId("chatcmpl-");
  private readonly created = nowSeconds();
  private modelName: string;
  private usageSoFar: CompletionUsage | null = null;
  private usageFields: Partial<AnthropicUsage> = {};
  private finished = false;
  /** Anthropic content block index → OpenAI tool call index. */
  private readonly toolIndex = new Map<number, number>();
  private readonly clientWantsUsage: boolean;

  constructor(model: ModelInfo, request: ChatCompletionRequest) {
    this.modelName = model.upstreamName;
    this.clientWantsUsage = request.stream_options?.include_usage === true;
  }

  push(event: { event?: string; data: string }): ChatCompletionChunk[] {
    const parsed = parseUpstreamJson(
      anthropicStreamEventSchema,
      event.data,
      "Anthropic stream event",
    );
    return this.handle(parsed);
  }

  usage(): Usage | null {
    return this.usageSoFar === null ? null : tokenUsageOf(this.usageSoFar);
  }

  done(): boolean {
    return this.finished;
  }

  private chunk(
    delta: ChunkChoice["delta"],
    finishReason: FinishReason | null = null,
  ): ChatCompletionChunk {
    return {
      id: this.id,
      object: "chat.completion.chunk",
      created: this.created,
      model: this.modelName,
      choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
    };
  }

  private mergeUsage(
    base: Partial<AnthropicUsage>,
    update: Partial<AnthropicUsage>,
  ): Partial<AnthropicUsage> {
    const merged = { ...base };
    if (typeof update.input_tokens === "number") merged.input_tokens = update.input_tokens;
    if (typeof update.output_tokens === "number") merged.output_tokens = update.output_tokens;
    if (typeof update.cache_creation_input_tokens === "number") {
      merged.cache_creation_input_tokens = update.cache_creation_input_tokens;
    }
    if (typeof update.cache_read_input_tokens === "number") {
      merged.cache_read_input_tokens = update.cache_read_input_tokens;
    }
    if (update.cache_creation != null) merged.cache_creation = update.cache_creation;
    return merged;
  }

  private handle(event: AnthropicStreamEvent): ChatCompletionChunk[] {
    switch (event.type) {
      case "message_start": {
        this.id = event.message.id;
        this.modelName = event.message.model;
        this.usageFields = this.mergeUsage({}, event.message.usage);
        this.usageSoFar = mapAnthropicUsage(event.message.usage);
        return [this.chunk({ role: "assistant", content: "" })];
      }
      case "content_block_start": {
        const block = event.content_block;
        if (block.type === "text" && block.text !== "")
          return [this.chunk({ content: block.text })];
        if (block.type !== "tool_use") return [];
        const index = this.toolIndex.size;
        this.toolIndex.set(event.index, index);
        return [
          this.chunk({
            tool_calls: [
              {
                index,
                id: block.id,
                type: "function",
                function: { name: block.name, arguments: "" },
              },
            ],
          }),
        ];
      }
      case "content_block_delta": {
        const delta = event.delta;
        if (delta.type === "text_delta") return [this.chunk({ content: delta.text })];
        if (delta.type === "input_json_delta") {
          const index = this.toolIndex.get(event.index);
          if (index === undefined || delta.partial_json === "") return [];
          return [
            this.chunk({ tool_calls: [{ index, function: { arguments: delta.partial_json } }] }),
          ];
        }
        return [];
      }
      case "message_delta": {
        if (event.usage) {
          // message_delta usage is cumulative; input fields, when present, replace message_start's.
          this.usageFields = this.mergeUsage(this.usageFields, event.usage);
          this.usageSoFar = mapAnthropicUsage(this.usageFields);
        }
        const finish = mapAnthropicStopReason(event.delta.stop_reason);
        return finish ? [this.chunk({}, finish)] : [];
      }
      case "message_stop": {
        this.finished = true;
        if (!this.clientWantsUsage || !this.usageSoFar) return [];
        return [
          {
            id: this.id,
            object: "chat.completion.chunk",
            created: this.created,
            model: this.modelName,
            choices: [],
            usage: this.usageSoFar,
          },
        ];
      }
      case "error": {
        const status = anthropicErrorStatus(event.error.type);
        throw classifyUpstreamError(
          "Anthropic",
          status,
          {},
          { message: event.error.message, code: event.error.type },
        );
      }
      case "content_block_stop":
      case "ping":
        return [];
    }
  }
}
