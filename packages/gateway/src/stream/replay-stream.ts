import type { ChatCompletionChunk, ChatCompletionResponse } from "@switchyard/core";
import type { Usage } from "@switchyard/providers";
import type { FrameSink, StreamHandle } from "./stream-relay";

/**
 * A complete answer as the canonical chunk sequence a streaming upstream would have sent: role and
 * content, tool calls, the finish reason, then the usage chunk.
 */
export function responseToChunks(response: ChatCompletionResponse): ChatCompletionChunk[] {
  const base = {
    id: response.id,
    object: "chat.completion.chunk" as const,
    created: response.created,
    model: response.model,
  };
  const chunks: ChatCompletionChunk[] = [];
  for (const choice of response.choices) {
    const { message } = choice;
    chunks.push({
      ...base,
      choices: [
        {
          index: choice.index,
          delta: {
            role: "assistant",
            content: message.content ?? "",
            ...(message.tool_calls === undefined
              ? {}
              : {
                  tool_calls: message.tool_calls.map((call, index) => ({
                    index,
                    id: call.id,
                    type: "function" as const,
                    function: { name: call.function.name, arguments: call.function.arguments },
                  })),
                }),
          },
          finish_reason: null,
        },
      ],
    });
    chunks.push({
      ...base,
      choices: [{ index: choice.index, delta: {}, finish_reason: choice.finish_reason }],
    });
  }
  if (response.usage != null) chunks.push({ ...base, choices: [], usage: response.usage });
  return chunks;
}

/** A stream whose frames are all known already (a cascade's accepted cheap answer). */
export class ReplayStream implements StreamHandle {
  private started = false;

  constructor(private readonly frames: string) {}

  start(sink: FrameSink): void {
    if (this.started) return;
    this.started = true;
    sink.end(this.frames);
  }

  resume(): void {}

  cancel(): void {}

  /** A replay is written whole at start: nothing is left to cut. */
  terminate(): void {}
}

/**
 * A whole answer replayed as the surface's stream (a cascade's accepted cheap answer, a cached
 * answer): every chunk, then the closing frames with its usage (null: not known).
 */
export function replayAnswer(
  encoder: { chunk(chunk: ChatCompletionChunk): string; end(usage: Usage | null): string },
  response: ChatCompletionResponse,
  usage: Usage | null,
): ReplayStream {
  let frames = "";
  for (const chunk of responseToChunks(response)) frames += encoder.chunk(chunk);
  frames += encoder.end(usage);
  return new ReplayStream(frames);
}
