import type { AddressInfo } from "node:net";
import { loadReplayFile } from "./replay";
import { createMockServer, type ReceivedRequest } from "./server";

export interface MockLlmOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** Outcome file (gzip JSONL, the evaluation-set format) to replay. */
  replayFile?: string;
  /** With a replay file: unmatched prompts get 404 instead of a generated answer. */
  strictReplay?: boolean;
  /** Milliseconds before the first byte of every answer (overridden per request). */
  defaultDelayMs?: number;
  /** Milliseconds between stream events (overridden per request). */
  chunkDelayMs?: number;
  /** Content pieces per streamed answer (overridden per request). Default 8. */
  streamChunks?: number;
}

export interface MockLlm {
  url: string;
  port: number;
  close(): Promise<void>;
  stats(): { requests: number };
  /** The newest generation requests received (up to 100), oldest first, bodies parsed. */
  received(): ReceivedRequest[];
}

export const DEFAULT_STREAM_CHUNKS = 8;

/** Starts the mock provider server; resolves once it listens. */
export async function startMockLlm(options: MockLlmOptions = {}): Promise<MockLlm> {
  const replay = options.replayFile ? await loadReplayFile(options.replayFile) : undefined;
  const { server, stats, received } = createMockServer({
    replay,
    strictReplay: options.strictReplay === true,
    defaults: {
      delayMs: options.defaultDelayMs ?? 0,
      chunkDelayMs: options.chunkDelayMs ?? 0,
      chunks: Math.max(1, options.streamChunks ?? DEFAULT_STREAM_CHUNKS),
    },
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    stats,
    received,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

export type { ReplayIndex, ReplayMatch } from "./replay";
export { loadReplayFile, normalisePrompt } from "./replay";
export { generateFromSchema } from "./schema-value";
export type { ReceivedRequest } from "./server";
