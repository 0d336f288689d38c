import type {
  ChatCompletionChunk,
  ChatCompletionRequest,
  ChunkChoice,
  CompletionUsage,
} from "@switchyard/core";
import { z } from "zod";
import { makeId, nowSeconds } from "../../shared/ids";
import { parseUpstreamJson } from "../../shared/json";
import { upstreamErrorCode, upstreamStreamError } from "../../shared/upstream-report";
import type { StreamTranslator, Usage } from "../../types";
import { canonicalUsage, failureOf, finishReasonOf, nativeResponseSchema } from "./native-response";

const eventSchema = z.looseObject({
  type: z.string(),
  response: nativeResponseSchema.optional(),
  item: z.looseObject({ type: z.string() }).optional(),
  output_index: z.number().optional(),
  delta: z.string().optional(),
  code: z.unknown().optional(),
  message: z.string().optional(),
});

/**
 * OpenAI's Responses event stream (`response.created` … `response.output_text.delta` …
 * `response.completed`) → canonical chat chunks: text and refusal deltas, one tool call per
 * function_call item, the finish reason and usage from the final response. `response.failed` and
 * `error` events become the typed upstream error.
 */
export class NativeResponsesStreamTranslator implements StreamTranslator {
  private id = makeId("resp_");
  private created = nowSeconds();
  private model = "";
  private finished = false;
  private lastUsage: Usage | null = null;
  /** Output index of each function_call item → its tool-call index. */
  private readonly toolIndex = new Map<number, number>();
  private readonly clientWantsUsage: boolean;

  constructor(
    private readonly displayName: string,
    request: ChatCompletionRequest,
  ) {
    this.clientWantsUsage = request.stream_options?.include_usage === true;
  }

  private chunk(choices: ChunkChoice[], usage?: CompletionUsage): ChatCompletionChunk {
    return {
      id: this.id,
      object: "chat.completion.chunk",
      created: this.created,
      model: this.model,
      choices,
      ...(usage !== undefined && { usage }),
    };
  }

  push(event: { event?: string; data: string }): ChatCompletionChunk[] {
    if (event.data.trim() === "" || event.data === "[DONE]") return [];
    const data = parseUpstreamJson(eventSchema, event.data, "response event");
    switch (data.type) {
      case "response.created": {
        const response = data.response;
        if (response?.id) this.id = response.id;
        if (response?.created_at) this.created = response.created_at;
        if (response?.model) this.model = response.model;
        return [this.chunk([{ index: 0, delta: { role: "assistant", content: "" } }])];
      }
      case "response.output_text.delta":
        return [this.chunk([{ index: 0, delta: { content: data.delta ?? "" } }])];
      case "response.refusal.delta":
        return [this.chunk([{ index: 0, delta: { refusal: data.delta ?? "" } }])];
      case "response.output_item.added": {
        const item = data.item as { type: string; call_id?: string; name?: string } | undefined;
        if (item?.type !== "function_call" || data.output_index === undefined) return [];
        const index = this.toolIndex.size;
        this.toolIndex.set(data.output_index, index);
        const call = {
          index,
          id: item.call_id ?? makeId("call_"),
          type: "function" as const,
          function: { name: item.name ?? "", arguments: "" },
        };
        return [this.chunk([{ index: 0, delta: { tool_calls: [call] } }])];
      }
      case "response.function_call_arguments.delta": {
        const index = this.toolIndex.get(data.output_index ?? -1);
        if (index === undefined) return [];
        const call = { index, function: { arguments: data.delta ?? "" } };
        return [this.chunk([{ index: 0, delta: { tool_calls: [call] } }])];
      }
      case "response.completed":
      case "response.incomplete": {
        this.finished = true;
        const response = data.response;
        if (response === undefined) return [];
        const usage = response.usage ? canonicalUsage(response.usage) : undefined;
        if (usage)
          this.lastUsage = {
            inputTokens: usage.prompt_tokens,
            outputTokens: usage.completion_tokens,
          };
        const finish = finishReasonOf(response, this.toolIndex.size > 0);
        const out = [this.chunk([{ index: 0, delta: {}, finish_reason: finish }])];
        if (usage && this.clientWantsUsage) out.push(this.chunk([], usage));
        return out;
      }
      case "response.failed": {
        const failure = data.response ? failureOf(this.displayName, data.response) : null;
        throw failure ?? upstreamStreamError(this.displayName, { message: "", code: null });
      }
      case "error":
        throw upstreamStreamError(this.displayName, {
          message: data.message ?? "",
          code: upstreamErrorCode(data as Record<string, unknown>),
        });
      default:
        return [];
    }
  }

  usage(): Usage | null {
    return this.lastUsage;
  }

  done(): boolean {
    return this.finished;
  }
}
