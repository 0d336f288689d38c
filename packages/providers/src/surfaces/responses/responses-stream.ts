/**
 * Canonical chunks → the Responses API's typed event stream: response.created and
 * response.in_progress, then per output item (the message's text, each function call)
 * output_item.added / content_part.added / output_text.delta … (or
 * function_call_arguments.delta …) / the matching .done events, and response.completed (or
 * response.incomplete) with usage. A failure mid-stream is an `error` event then
 * response.failed. Every event carries its sequence_number.
 */
import { type ChatCompletionChunk, type FinishReason, toOpenAIError } from "@switchyard/core";
import { encodeSseNamedJson } from "../../sse/sse-encoder";
import type { Usage } from "../../types";
import type { ResponsesRequest } from "./responses-request";
import {
  type OutputItem,
  type ResponseMeta,
  responseId,
  responseShell,
  responsesUsage,
  statusOf,
} from "./responses-response";

type Shell = ReturnType<typeof responseShell>;
type TextItem = Extract<OutputItem, { type: "message" }>;
type CallItem = Extract<OutputItem, { type: "function_call" }>;

export class ResponsesStreamEncoder {
  private shell: Shell | null = null;
  private sequence = 0;
  private ended = false;
  private text: { item: TextItem; index: number } | null = null;
  /** Chat tool call index → its output item. */
  private readonly calls = new Map<number, { item: CallItem; index: number }>();
  private finish: FinishReason | null = null;
  private usage: Usage | null = null;

  /**
   * `meta`: the response's id and store flag (without it, an id from the upstream's); `onDone`:
   * told the finished response (completed or incomplete, as the last event carries it).
   */
  constructor(
    private readonly request: ResponsesRequest,
    private readonly model: string,
    private readonly meta?: ResponseMeta,
    private readonly onDone?: (response: Shell) => void,
  ) {}

  private emit(out: string[], type: string, fields: Record<string, unknown>): void {
    out.push(encodeSseNamedJson(type, { type, sequence_number: this.sequence++, ...fields }));
  }

  private start(out: string[], chunkId: string): Shell {
    if (this.shell) return this.shell;
    const meta = this.meta ?? {
      id: responseId(chunkId),
      store: false,
      createdAt: Math.floor(Date.now() / 1000),
    };
    const shell = responseShell(meta, this.model, this.request);
    this.shell = shell;
    this.emit(out, "response.created", { response: { ...shell, output: [] } });
    this.emit(out, "response.in_progress", { response: { ...shell, output: [] } });
    return shell;
  }

  pushSse(chunk: ChatCompletionChunk): string {
    if (this.ended) return "";
    const out: string[] = [];
    const shell = this.start(out, chunk.id);
    if (chunk.usage)
      this.usage = {
        inputTokens: chunk.usage.prompt_tokens,
        outputTokens: chunk.usage.completion_tokens,
      };
    const choice = chunk.choices.find((c) => c.index === 0);
    if (!choice) return out.join("");
    const delta = choice.delta;
    if (delta.content) {
      if (this.text === null) {
        const item: TextItem = {
          type: "message",
          id: `msg_${shell.id.slice(5)}`,
          status: "in_progress",
          role: "assistant",
          content: [],
        };
        this.text = { item, index: shell.output.length };
        shell.output.push(item);
        this.emit(out, "response.output_item.added", {
          output_index: this.text.index,
          item: { ...item, content: [] },
        });
        item.content.push({ type: "output_text", text: "", annotations: [] });
        this.emit(out, "response.content_part.added", {
          item_id: item.id,
          output_index: this.text.index,
          content_index: 0,
          part: { type: "output_text", text: "", annotations: [] },
        });
      }
      const part = this.text.item.content[0];
      if (part) part.text += delta.content;
      this.emit(out, "response.output_text.delta", {
        item_id: this.text.item.id,
        output_index: this.text.index,
        content_index: 0,
        delta: delta.content,
      });
    }
    for (const call of delta.tool_calls ?? []) {
      let open = this.calls.get(call.index);
      if (open === undefined) {
        const item: CallItem = {
          type: "function_call",
          id: `fc_${shell.id.slice(5)}_${call.index}`,
          call_id: call.id ?? `call_${shell.id.slice(5)}_${call.index}`,
          name: call.function?.name ?? "",
          arguments: "",
          status: "in_progress",
        };
        open = { item, index: shell.output.length };
        this.calls.set(call.index, open);
        shell.output.push(item);
        this.emit(out, "response.output_item.added", {
          output_index: open.index,
          item: { ...item },
        });
      }
      const piece = call.function?.arguments ?? "";
      if (piece) {
        open.item.arguments += piece;
        this.emit(out, "response.function_call_arguments.delta", {
          item_id: open.item.id,
          output_index: open.index,
          delta: piece,
        });
      }
    }
    if (choice.finish_reason) this.finish = choice.finish_reason;
    return out.join("");
  }

  finishSse(usage: Usage | null): string {
    if (this.ended) return "";
    const out: string[] = [];
    const shell = this.start(out, `${Date.now().toString(36)}`);
    this.ended = true;
    if (this.text) {
      const { item, index } = this.text;
      const part = item.content[0] ?? {
        type: "output_text" as const,
        text: "",
        annotations: [] as [],
      };
      this.emit(out, "response.output_text.done", {
        item_id: item.id,
        output_index: index,
        content_index: 0,
        text: part.text,
      });
      this.emit(out, "response.content_part.done", {
        item_id: item.id,
        output_index: index,
        content_index: 0,
        part,
      });
      item.status = "completed";
      this.emit(out, "response.output_item.done", { output_index: index, item });
    }
    for (const { item, index } of this.calls.values()) {
      this.emit(out, "response.function_call_arguments.done", {
        item_id: item.id,
        output_index: index,
        arguments: item.arguments,
      });
      item.status = "completed";
      this.emit(out, "response.output_item.done", { output_index: index, item });
    }
    const counted = usage ?? this.usage;
    shell.usage = counted ? responsesUsage(counted.inputTokens, counted.outputTokens) : null;
    shell.status = statusOf(this.finish);
    if (shell.status === "incomplete") shell.incomplete_details = { reason: "max_output_tokens" };
    this.emit(out, shell.status === "incomplete" ? "response.incomplete" : "response.completed", {
      response: shell,
    });
    this.onDone?.(shell);
    return out.join("");
  }

  errorSse(error: unknown): string {
    if (this.ended) return "";
    const out: string[] = [];
    const shell = this.start(out, `${Date.now().toString(36)}`);
    this.ended = true;
    const { error: body } = toOpenAIError(error).body;
    this.emit(out, "error", { code: body.code, message: body.message, param: body.param });
    shell.status = "failed";
    shell.error = { code: body.code ?? "server_error", message: body.message };
    this.emit(out, "response.failed", { response: shell });
    return out.join("");
  }
}
