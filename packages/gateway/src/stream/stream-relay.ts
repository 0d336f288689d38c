import { type ChatCompletionChunk, type ModelInfo, upstreamError } from "@switchyard/core";
import { estimateTokens, type StreamTranslator, type Usage } from "@switchyard/providers";
import { ClientClosedError, classifyUpstreamFailure } from "../execute/errors";
import type { UpstreamCall } from "../execute/send-upstream";
import type { StreamEncoder } from "../surface/surface";

export interface SseDecoderLike {
  push(chunk: Uint8Array | string): { event?: string; data: string }[];
}

/** Where a relayed stream goes: the client's connection. */
export interface FrameSink {
  /** Write frames now; false when the client is slow (relaying pauses until `resume()`). */
  write(frames: string): boolean;
  /** Write the last frames and close the response. */
  end(frames: string): void;
}

/** A live stream as the transports see it. */
export interface StreamHandle {
  /** Start relaying into `sink` (once). */
  start(sink: FrameSink): void;
  /** The client can take more again. */
  resume(): void;
  /** The client went away: abort the upstream. */
  cancel(): void;
  /** End the stream now with an in-band error (shutdown), accounting what was sent. */
  terminate(error: Error): void;
}

export interface RelayResult {
  status: "ok" | "error" | "client_closed";
  errorCode: string | null;
  usage: Usage | null;
  /** Output tokens estimated (providers' tokenizer) from the text seen, when the provider sent no usage. */
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
  /** Sees every canonical chunk (to rebuild the whole answer for the response cache). */
  collector?: { push(chunk: ChatCompletionChunk): void } | undefined;
  /** Called exactly once when the stream is over, however it ended. */
  onFinish(result: RelayResult): void;
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
 * Relays one upstream SSE stream to the client, push-based (no async iteration per chunk): each
 * upstream data event is decoded, translated to canonical chunks and encoded in the client's dialect
 * at once, and written. The client's backpressure pauses the upstream. The end frame goes out with
 * the last data; the upstream body is still read to its end so its connection is reused. A failure
 * after the headers went out becomes an in-band error frame; a client that leaves aborts the
 * upstream. Usage seen so far is reported either way.
 */
export class StreamRelay implements StreamHandle {
  private sink: FrameSink | null = null;
  private over = false;
  /** Generated text so far (for the usage estimate and, with content logging, the log). */
  private generated = "";
  /** An upstream error that came before start() (the client left in between). */
  private earlyError: Error | null = null;
  private readonly onEarlyError = (error: Error) => {
    this.earlyError = error;
  };
  private readonly result: RelayResult;

  constructor(private readonly input: RelayInput) {
    this.result = {
      status: "ok",
      errorCode: null,
      usage: null,
      estimatedOutputTokens: 0,
      firstChunkAt: null,
      processingMs: 0,
      text: input.collectText ? "" : null,
    };
    // Never leave the upstream body without an error listener (an unhandled 'error' would crash).
    input.call.response.body.on("error", this.onEarlyError);
  }

  start(sink: FrameSink): void {
    if (this.sink !== null) return;
    this.sink = sink;
    const body = this.input.call.response.body;
    body.off("error", this.onEarlyError);
    if (this.earlyError !== null) {
      this.onError(this.earlyError);
      return;
    }
    body.on("data", (data: Buffer) => this.onData(data));
    body.on("end", () => this.onEnd());
    body.on("error", (error: Error) => this.onError(error));
  }

  resume(): void {
    if (!this.over) this.input.call.response.body.resume();
  }

  cancel(): void {
    if (this.over) return;
    this.input.call.response.body.off("error", this.onEarlyError);
    this.input.call.response.body.on("error", () => undefined);
    this.result.status = "client_closed";
    this.result.errorCode = "client_closed";
    this.input.call.abort(new ClientClosedError());
    this.input.call.response.body.destroy();
    this.finish();
  }

  terminate(error: Error): void {
    if (this.over) return;
    this.fail(error);
  }

  private onData(data: Buffer): void {
    if (this.over || this.sink === null) return;
    const { decoder, translator, encoder, collector } = this.input;
    const started = performance.now();
    let out = "";
    try {
      for (const event of decoder.push(data)) {
        for (const chunk of translator.push(event)) {
          this.generated += chunkText(chunk);
          collector?.push(chunk);
          out += encoder.chunk(chunk);
        }
      }
    } catch (error) {
      // Frames translated before the bad event still go out, then the in-band error.
      if (out.length > 0) this.sink.write(out);
      this.fail(error);
      return;
    }
    const done = translator.done();
    if (done) {
      this.result.usage = translator.usage();
      out += encoder.end(this.result.usage);
    }
    this.result.processingMs += performance.now() - started;
    if (out.length > 0 && this.result.firstChunkAt === null)
      this.result.firstChunkAt = performance.now();
    if (done) {
      this.sink.end(out);
      // Keep reading to the body's end (released there) so the upstream connection is reused.
      this.finish(false);
      this.input.call.response.body.resume();
      return;
    }
    if (out.length > 0 && !this.sink.write(out)) this.input.call.response.body.pause();
  }

  private onEnd(): void {
    if (this.over) {
      this.input.call.release();
      return;
    }
    this.fail(
      upstreamError(`The provider of '${this.input.model.name}' ended the stream early.`, {
        retryable: false,
        code: "upstream_stream_cut",
      }),
    );
  }

  private onError(error: Error): void {
    if (this.over) {
      this.input.call.release();
      return;
    }
    const { call } = this.input;
    this.fail(call.signal.aborted ? call.signal.reason : error);
  }

  private fail(error: unknown): void {
    const failure = classifyUpstreamFailure(error, this.input.model.name);
    if (failure instanceof ClientClosedError) {
      this.result.status = "client_closed";
      this.result.errorCode = "client_closed";
    } else {
      this.result.status = "error";
      this.result.errorCode = failure.code;
      this.sink?.end(this.input.encoder.error(failure));
    }
    this.input.call.response.body.destroy();
    this.finish();
  }

  /** Report once; `release` unless the body is still being drained to its end. */
  private finish(release = true): void {
    if (this.over) return;
    this.over = true;
    if (release) this.input.call.release();
    this.result.usage ??= this.input.translator.usage();
    if (this.result.usage === null)
      this.result.estimatedOutputTokens = estimateTokens(this.generated);
    if (this.result.text !== null) this.result.text = this.generated;
    this.input.onFinish(this.result);
  }
}
