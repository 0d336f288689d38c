import { parseArgs } from "node:util";
import { startMockLlm } from "./index";

const usage = `Usage: mock-llm [--port N] [--host H] [--replay FILE] [--strict]
                [--delay MS] [--chunk-delay MS] [--chunks N]`;

function toNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0)
    throw new Error(`${flag} must be a non-negative integer`);
  return number;
}

async function main(): Promise<void> {
  // `pnpm start -- --port 1` passes the "--" through: drop it.
  const args = process.argv.slice(2);
  if (args[0] === "--") args.shift();
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      replay: { type: "string" },
      strict: { type: "boolean" },
      delay: { type: "string" },
      "chunk-delay": { type: "string" },
      chunks: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  if (values.strict && !values.replay) throw new Error("--strict needs --replay FILE");
  const mock = await startMockLlm({
    port: toNumber(values.port, "--port") ?? 4010,
    host: values.host ?? "127.0.0.1",
    replayFile: values.replay,
    strictReplay: values.strict === true,
    defaultDelayMs: toNumber(values.delay, "--delay"),
    chunkDelayMs: toNumber(values["chunk-delay"], "--chunk-delay"),
    streamChunks: toNumber(values.chunks, "--chunks"),
  });
  console.log(`mock-llm listening on ${mock.url}`);
  const stop = () => {
    mock.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`mock-llm: ${error instanceof Error ? error.message : String(error)}`);
  console.error(usage);
  process.exit(1);
});
