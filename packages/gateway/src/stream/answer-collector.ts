import type {
  ChatCompletionChoice,
  ChatCompletionChunk,
  ChatCompletionResponse,
  CompletionUsage,
  FinishReason,
  ToolCall,
} from "@switchyard/core";
import type { Usage } from "@switchyard/providers";

interface ChoiceSoFar {
  content: string | null;
  refusal: string | null;
  toolCalls: ToolCall[];
  finishReason: FinishReason | null;
}

/**
 * Rebuilds the whole answer (`chat.completion`) from a stream's canonical chunks, so that a
 * streamed answer can be kept in the response cache like a JSON one.
 */
export class AnswerCollector {
  private first: ChatCompletionChunk | null = null;
  private readonly choices = new Map<number, ChoiceSoFar>();
  private usage: CompletionUsage | null = null;

  push(chunk: ChatCompletionChunk): void {
    this.first ??= chunk;
    if (chunk.usage) this.usage = chunk.usage;
    for (const choice of chunk.choices) {
      let soFar = this.choices.get(choice.index);
      if (soFar === undefined) {
        soFar = { content: null, refusal: null, toolCalls: [], finishReason: null };
        this.choices.set(choice.index, soFar);
      }
      const delta = choice.delta;
      if (typeof delta.content === "string") soFar.content = (soFar.content ?? "") + delta.content;
      if (typeof delta.refusal === "string") soFar.refusal = (soFar.refusal ?? "") + delta.refusal;
      for (const call of delta.tool_calls ?? []) {
        const existing = soFar.toolCalls[call.index];
        if (existing === undefined) {
          soFar.toolCalls[call.index] = {
            id: call.id ?? "",
            type: "function",
            function: {
              name: call.function?.name ?? "",
              arguments: call.function?.arguments ?? "",
            },
          };
        } else {
          if (call.id) existing.id = call.id;
          if (call.function?.name) existing.function.name += call.function.name;
          existing.function.arguments += call.function?.arguments ?? "";
        }
      }
      if (choice.finish_reason) soFar.finishReason = choice.finish_reason;
    }
  }

  /**
   * The whole answer, or null when the stream did not finish every choice (cut, or empty), with
   * the usage the stream reported.
   */
  response(usage: Usage | null): ChatCompletionResponse | null {
    const first = this.first;
    if (first === null || this.choices.size === 0) return null;
    const choices: ChatCompletionChoice[] = [];
    for (const [index, soFar] of [...this.choices].sort(([a], [b]) => a - b)) {
      if (soFar.finishReason === null) return null;
      const toolCalls = soFar.toolCalls.filter((call) => call !== undefined);
      choices.push({
        index,
        message: {
          role: "assistant",
          content: soFar.content,
          ...(soFar.refusal !== null && { refusal: soFar.refusal }),
          ...(toolCalls.length > 0 && { tool_calls: toolCalls }),
        },
        finish_reason: soFar.finishReason,
        logprobs: null,
      });
    }
    // The counts the client was sent (the relay's), with the details the chunks carried.
    const counted: CompletionUsage | null =
      usage === null
        ? this.usage
        : {
            ...this.usage,
            prompt_tokens: usage.inputTokens,
            completion_tokens: usage.outputTokens,
            total_tokens: usage.inputTokens + usage.outputTokens,
          };
    return {
      id: first.id,
      object: "chat.completion",
      created: first.created,
      model: first.model,
      choices,
      usage: counted,
      ...(first.system_fingerprint != null && { system_fingerprint: first.system_fingerprint }),
    };
  }
}
