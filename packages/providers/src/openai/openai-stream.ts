import type {
  ChatCompletionChunk,
  ChatCompletionRequest,
  ChunkChoice,
  CompletionUsage,
  ModelInfo,
} from "@switchyard/core";
import { tokenUsageOf } from "@switchyard/core";
import { normalizeFinishReason } from "../shared/finish-reason";
import { makeId, nowSeconds } from "../shared/ids";
import { parseUpstreamJson } from "../shared/json";
import { upstreamErrorCode, upstreamStreamError } from "../shared/upstream-report";
import type { StreamTranslator, Usage } from "../types";
import type { OpenAICompatibleOptions } from "./openai-quirks";
import { type UpstreamChunk, upstreamChunkSchema } from "./openai-upstream-schema";

/**
 * OpenAI-compatible SSE (`data: {chunk}` … `data: [DONE]`) → canonical chunks. Usage is recorded
 * from whichever chunk carries it; when the client did not ask for usage itself, the usage-only
 * chunk the gateway requested is swallowed and `usage` fields are removed.
 */
export class OpenAIStreamTranslator implements StreamTranslator {
  private finished = false;
  private lastUsage: Usage | null = null;
  private id: string | undefined;
  private created: number | undefined;
  private readonly clientWantsUsage: boolean;

  constructor(
    private readonly options: OpenAICompatibleOptions,
    private readonly model: ModelInfo,
    request: ChatCompletionRequest,
  ) {
    this.clientWantsUsage = request.stream_options?.include_usage === true;
  }

  push(event: { event?: string; data: string }): ChatCompletionChunk[] {
    const data = event.data;
    if (data === "[DONE]") {
      this.finished = true;
      return [];
    }
    if (data.trim() === "") return [];
    const raw = parseUpstreamJson(upstreamChunkSchema, data, "stream chunk");
    if (raw.error) {
      throw upstreamStreamError(this.options.displayName, {
        message: raw.error.message ?? "",
        code: upstreamErrorCode(raw.error),
      });
    }
    const usage =
      raw.usage ?? this.options.quirks.usageFromChunk?.(raw as Record<string, unknown>) ?? null;
    if (usage) {
      // Usage is cumulative (the last report is the call's): replace, never add.
      this.lastUsage = tokenUsageOf(usage);
    }
    // Azure opens with a chunk that has no choices, only prompt_filter_results: nothing to relay.
    if ((raw.choices ?? []).length === 0 && !usage) return [];
    const chunk = this.toCanonical(raw, usage);
    if (!this.clientWantsUsage) {
      if (chunk.choices.length === 0) return [];
      delete chunk.usage;
    }
    return [chunk];
  }

  usage(): Usage | null {
    return this.lastUsage;
  }

  done(): boolean {
    return this.finished;
  }

  private toCanonical(raw: UpstreamChunk, usage: CompletionUsage | null): ChatCompletionChunk {
    this.id ??= raw.id || makeId("chatcmpl-");
    this.created ??= raw.created || nowSeconds();
    const choices: ChunkChoice[] = (raw.choices ?? []).map((choice, position) => {
      const { role, content, refusal, tool_calls: toolCalls, ...restDelta } = choice.delta ?? {};
      const delta: ChunkChoice["delta"] = { ...restDelta };
      if (role === "assistant") delta.role = "assistant";
      if (content !== undefined) delta.content = content;
      if (refusal !== undefined && refusal !== null) delta.refusal = refusal;
      if (toolCalls && toolCalls.length > 0) {
        delta.tool_calls = toolCalls.map((call, i) => ({
          index: call.index ?? i,
          ...(call.id ? { id: call.id } : {}),
          ...(call.type || call.id ? { type: "function" as const } : {}),
          ...(call.function
            ? {
                function: {
                  ...(call.function.name ? { name: call.function.name } : {}),
                  ...(call.function.arguments != null
                    ? { arguments: call.function.arguments }
                    : {}),
                },
              }
            : {}),
        }));
      }
      return {
        ...choice,
        index: choice.index ?? position,
        delta,
        finish_reason: normalizeFinishReason(choice.finish_reason),
      };
    });
    const chunk: ChatCompletionChunk = {
      ...raw,
      id: raw.id || this.id,
      object: "chat.completion.chunk",
      created: raw.created || this.created,
      model: raw.model || this.model.upstreamName,
      choices,
    };
    if (usage) chunk.usage = usage;
    else delete chunk.usage;
    return chunk;
  }
}
