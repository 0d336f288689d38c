/**
 * The canonical chat response → an OpenAI Responses `response` object: the answer's text as a
 * message item, each tool call as a function_call item, usage in the Responses names, and
 * `incomplete` when the output limit cut the answer.
 */
import type { ChatCompletionResponse, FinishReason } from "@switchyard/core";
import type { ResponsesRequest } from "./responses-request";

export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export type OutputItem =
  | {
      type: "message";
      id: string;
      status: "completed" | "in_progress";
      role: "assistant";
      content: { type: "output_text"; text: string; annotations: [] }[];
    }
  | {
      type: "function_call";
      id: string;
      call_id: string;
      name: string;
      arguments: string;
      status: "completed" | "in_progress";
    };

/**
 * What the gateway decided for one response before it was made: its id (the gateway's own, when
 * it may be stored), whether it is stored, and its creation time (Unix seconds).
 */
export interface ResponseMeta {
  id: string;
  store: boolean;
  createdAt: number;
}

export const responseId = (upstreamId: string) =>
  `resp_${upstreamId.replace(/[^A-Za-z0-9]/g, "").slice(-24) || Date.now().toString(36)}`;

export function responsesUsage(
  input: number,
  output: number,
  cached = 0,
  reasoning = 0,
): ResponsesUsage {
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: cached },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: reasoning },
    total_tokens: input + output,
  };
}

/** The fields every response object carries, from the request (echoed as OpenAI does). */
export function responseShell(meta: ResponseMeta, model: string, request: ResponsesRequest) {
  return {
    id: meta.id,
    object: "response" as const,
    created_at: meta.createdAt,
    status: "in_progress" as "in_progress" | "completed" | "incomplete" | "failed",
    error: null as { code: string; message: string } | null,
    incomplete_details: null as { reason: string } | null,
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    model,
    output: [] as OutputItem[],
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: request.previous_response_id ?? null,
    reasoning: { effort: request.reasoning?.effort ?? null, summary: null },
    store: meta.store,
    temperature: request.temperature ?? null,
    text: { format: request.text?.format ?? { type: "text" } },
    tool_choice: request.tool_choice ?? "auto",
    tools: request.tools ?? [],
    top_p: request.top_p ?? null,
    usage: null as ResponsesUsage | null,
    user: request.user ?? null,
    metadata: request.metadata ?? {},
  };
}

export const statusOf = (reason: FinishReason | null | undefined) =>
  reason === "length" ? "incomplete" : "completed";

export function canonicalToResponses(
  response: ChatCompletionResponse,
  request: ResponsesRequest,
  model: string,
  meta: ResponseMeta = { id: responseId(response.id), store: false, createdAt: response.created },
) {
  const { id } = meta;
  const shell = responseShell(meta, model, request);
  const choice = response.choices[0];
  const message = choice?.message;
  if (message?.content)
    shell.output.push({
      type: "message",
      id: `msg_${id.slice(5)}`,
      status: "completed",
      role: "assistant",
      content: [{ type: "output_text", text: message.content, annotations: [] }],
    });
  for (const [index, call] of (message?.tool_calls ?? []).entries())
    shell.output.push({
      type: "function_call",
      id: `fc_${id.slice(5)}_${index}`,
      call_id: call.id,
      name: call.function.name,
      arguments: call.function.arguments,
      status: "completed",
    });
  shell.status = statusOf(choice?.finish_reason);
  if (shell.status === "incomplete") shell.incomplete_details = { reason: "max_output_tokens" };
  const usage = response.usage;
  if (usage)
    shell.usage = responsesUsage(
      usage.prompt_tokens,
      usage.completion_tokens,
      usage.prompt_tokens_details?.cached_tokens ?? 0,
      usage.completion_tokens_details?.reasoning_tokens ?? 0,
    );
  return shell;
}
