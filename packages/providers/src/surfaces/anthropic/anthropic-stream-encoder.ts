import {
  type AnthropicStopReason,
  type AnthropicStreamEvent,
  type ChatCompletionChunk,
  toAnthropicError,
  tokenUsageOf,
} from "@switchyard/core";
import { encodeSseNamedJson } from "../../sse/sse-encoder";
import type { Usage } from "../../types";
import { anthropicUsageFields } from "./anthropic-usage";
import { toAnthropicMessageId, toAnthropicStopReason } from "./canonical-to-anthropic";

export interface AnthropicStreamEncoderOptions {
  /** The model name the client asked for. */
  model: string;
  /** Message id; defaults to the first chunk's id. */
  id?: string;
  /** Input tokens known (or estimated) before the first chunk, for message_start. */
  inputTokens?: number;
}

type OpenBlock =
  | { kind: "text"; index: number }
  | { kind: "tool"; index: number; toolIndex: number };

/**
 * Canonical chunks → the Anthropic SSE event sequence: message_start, then for each text or
 * tool call a content_block_start / content_block_delta (text_delta or input_json_delta) /
 * content_block_stop, then message_delta (stop_reason, usage) and message_stop.
 * Call push() per chunk, finish() at the end of the stream, error() for an in-band failure.
 */
export class AnthropicStreamEncoder {
  private started = false;
  private ended = false;
  private id: string | undefined;
  private nextBlockIndex = 0;
  private open: OpenBlock | null = null;
  /** OpenAI tool call index → Anthropic content block index. */
  private readonly toolBlocks = new Map<number, number>();
  private stopReason: AnthropicStopReason | null = null;
  private reportedUsage: Usage | null = null;

  constructor(private readonly options: AnthropicStreamEncoderOptions) {
    this.id = options.id;
  }

  push(chunk: ChatCompletionChunk): AnthropicStreamEvent[] {
    if (this.ended) return [];
    const events: AnthropicStreamEvent[] = [];
    this.start(events, chunk.id);
    if (chunk.usage) {
      this.reportedUsage = tokenUsageOf(chunk.usage);
    }
    const choice = chunk.choices.find((c) => c.index === 0);
    if (!choice) return events;
    const delta = choice.delta;
    if (delta.content) {
      if (this.open?.kind !== "text") {
        this.closeBlock(events);
        const index = this.nextBlockIndex++;
        this.open = { kind: "text", index };
        events.push({
          type: "content_block_start",
          index,
          content_block: { type: "text", text: "" },
        });
      }
      events.push({
        type: "content_block_delta",
        index: this.open.index,
        delta: { type: "text_delta", text: delta.content },
      });
    }
    for (const call of delta.tool_calls ?? []) {
      let blockIndex = this.toolBlocks.get(call.index);
      if (blockIndex === undefined) {
        this.closeBlock(events);
        blockIndex = this.nextBlockIndex++;
        this.toolBlocks.set(call.index, blockIndex);
        this.open = { kind: "tool", index: blockIndex, toolIndex: call.index };
        events.push({
          type: "content_block_start",
          index: blockIndex,
          content_block: {
            type: "tool_use",
            id: call.id ?? `toolu_${this.id ?? "x"}_${call.index}`,
            name: call.function?.name ?? "",
            input: {},
          },
        });
      }
      const fragment = call.function?.arguments;
      if (fragment) {
        events.push({
          type: "content_block_delta",
          index: blockIndex,
          delta: { type: "input_json_delta", partial_json: fragment },
        });
      }
    }
    if (choice.finish_reason) this.stopReason = toAnthropicStopReason(choice.finish_reason);
    return events;
  }

  /** Close the message. `usage` (e.g. the adapter's or an estimate) wins over chunk usage. */
  finish(usage?: Usage | null): AnthropicStreamEvent[] {
    if (this.ended) return [];
    const events: AnthropicStreamEvent[] = [];
    this.start(events, undefined);
    this.closeBlock(events);
    const final = usage ?? this.reportedUsage;
    events.push({
      type: "message_delta",
      delta: { stop_reason: this.stopReason ?? "end_turn", stop_sequence: null },
      usage: {
        output_tokens: final?.outputTokens ?? 0,
        ...(final ? anthropicUsageFields(final) : {}),
      },
    });
    events.push({ type: "message_stop" });
    this.ended = true;
    return events;
  }

  /** An in-band error event (after the stream has started, errors cannot change the status). */
  error(error: unknown): AnthropicStreamEvent[] {
    this.ended = true;
    const { body } = toAnthropicError(error);
    return [{ type: "error", error: body.error }];
  }

  pushSse(chunk: ChatCompletionChunk): string {
    return encodeAnthropicEvents(this.push(chunk));
  }

  finishSse(usage?: Usage | null): string {
    return encodeAnthropicEvents(this.finish(usage));
  }

  errorSse(error: unknown): string {
    return encodeAnthropicEvents(this.error(error));
  }

  private start(events: AnthropicStreamEvent[], chunkId: string | undefined): void {
    if (this.started) return;
    this.started = true;
    this.id ??= toAnthropicMessageId(chunkId ?? `${Date.now().toString(36)}`);
    events.push({
      type: "message_start",
      message: {
        id: this.id,
        type: "message",
        role: "assistant",
        model: this.options.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: this.options.inputTokens ?? 0, output_tokens: 0 },
      },
    });
  }

  private closeBlock(events: AnthropicStreamEvent[]): void {
    if (!this.open) return;
    events.push({ type: "content_block_stop", index: this.open.index });
    this.open = null;
  }
}

/** `event: <type>\ndata: <json>\n\n` for each event. */
export function encodeAnthropicEvents(events: readonly AnthropicStreamEvent[]): string {
  let out = "";
  for (const event of events) out += encodeSseNamedJson(event.type, event);
  return out;
}
