import { type ChatCompletionChunk, type ModelInfo, upstreamError } from "@switchyard/core";
import type { StreamTranslator, Usage } from "@switchyard/providers";
import { ClientClosedError, classifyUpstreamFailure } from "../execute/errors";
import type { UpstreamCall } from "../execute/send-upstream";
import type { StreamEncoder } from "../surface/surface";

export interface SseDecoderLike {
  push(chunk: Uint8Array | string): { event?: string; data: string }[];
}

export interface RelayResult {
  status: "ok" | "error" | "client_closed";
  errorCode: string | null;
  usage: Usage | null;
  /** Characters of generated text seen (for estimating usage when the provider sent none). */
  estimatedOutputTokens: number;
  /** performance.now() of the first frame handed to the client, null when none was. */
  firstChunkAt: number | null;
  /** Gateway time spent decoding, translating and encoding, in ms. */
  processingMs: number;
  /** Generated text, only when `collectText` was asked (team content logging). */
  text: string | null;
}

export interface RelayInput {
  call: UpstreamCall;
  model: ModelInfo;
  translator: StreamTranslator;
  decoder: SseDecoderLike;
  encoder: StreamEncoder;
  /** Keep the generated text for the request log. */
  collectText: boolean;
  /** Called exactly once when the stream is over, however it ended. */
  onFinish(result: RelayResult): void;
}

const estimateOutputTokens = (chars: number): number => Math.ceil(chars / 4);

function outputChars(chunk: ChatCompletionChunk): number {
  let chars = 0;
  for (const choice of chunk.choices) {
    chars += choice.delta.content?.length ?? 0;
    for (const call of choice.delta.tool_calls ?? [])
      chars += call.function?.arguments?.length ?? 0;
  }
  return chars;
}

function chunkText(chunk: ChatCompletionChunk): string {
  let text = "";
  for (const choice of chunk.choices) {
    text += choice.delta.content ?? "";
    for (const call of choice.delta.tool_calls ?? []) text += call.function?.arguments ?? "";
  }
  return text;
}

/**
 * Relay one upstream SSE stream to the client: every upstream event is decoded, translated to
 * canonical chunks and encoded in the client's dialect as soon as it arrives. A failure after the
 * headers went out becomes an in-band error frame and the stream ends; a client that goes away
 * (iteration stopped or signal aborted) aborts the upstream. Usage seen so far is reported either way.
 */
export async function* relayStream(input: RelayInput): AsyncGenerator<string> {
  const { call, translator, decoder, encoder } = input;
  const result: RelayResult = {
    status: "ok",
    errorCode: null,
    usage: null,
    estimatedOutputTokens: 0,
    firstChunkAt: null,
    processingMs: 0,
    text: input.collectText ? "" : null,
  };
  let outputCharCount = 0;
  let finished = false;
  try {
    try {
      for await (const data of call.response.body) {
        const started = performance.now();
        let out = "";
        for (const event of decoder.push(data as Buffer)) {
          for (const chunk of translator.push(event)) {
            outputCharCount += outputChars(chunk);
            if (result.text !== null) result.text += chunkText(chunk);
            out += encoder.chunk(chunk);
          }
        }
        result.processingMs += performance.now() - started;
        if (out.length > 0) {
          if (result.firstChunkAt === null) result.firstChunkAt = performance.now();
          yield out;
        }
        if (translator.done()) break;
      }
      if (!translator.done()) {
        throw upstreamError(`The provider of '${input.model.name}' ended the stream early.`, {
          retryable: false,
          code: "upstream_stream_cut",
        });
      }
      finished = true;
      result.usage = translator.usage();
      yield encoder.end(result.usage);
    } catch (error) {
      const reason = call.signal.aborted ? call.signal.reason : error;
      const failure = classifyUpstreamFailure(reason, input.model.name);
      if (failure instanceof ClientClosedError) {
        result.status = "client_closed";
        result.errorCode = "client_closed";
      } else {
        result.status = "error";
        result.errorCode = failure.code;
        yield encoder.error(failure);
      }
    }
  } finally {
    if (!finished && result.status === "ok") {
      // Iteration stopped early: the client went away.
      result.status = "client_closed";
      result.errorCode = "client_closed";
    }
    if (!finished) {
      call.abort(new ClientClosedError());
      call.response.body.destroy();
    }
    call.release();
    result.usage ??= translator.usage();
    result.estimatedOutputTokens = estimateOutputTokens(outputCharCount);
    input.onFinish(result);
  }
}
