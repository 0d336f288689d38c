#!/usr/bin/env node
// Gateway overhead benchmark: the mock LLM (zero latency) called directly vs through the gateway,
// in the same run. Gateway in its own process pinned to CPU 1; mock and load generators on CPU 0.
//   pnpm bench:gateway [-- --duration 8 --c1-duration 5 --warmup 5 --json FILE]
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  cpuMicros,
  freePort,
  benchDir as here,
  lastJsonLine,
  autocannon as load,
  peakRssMb,
  run,
  startService,
  stopAll,
} from "./lib/processes.mjs";

// `pnpm bench:gateway -- --json F` passes the "--" through: drop it.
const args = process.argv.slice(2);
if (args[0] === "--") args.shift();
const { values } = parseArgs({
  args,
  options: {
    duration: { type: "string", default: "8" },
    "c1-duration": { type: "string", default: "5" },
    warmup: { type: "string", default: "8" },
    json: { type: "string" },
  },
});
const duration = Number(values.duration);
const c1Duration = Number(values["c1-duration"]);
const KEY = "sk-bench-key";
const SSE_LOAD = "/work/shared/peer-bench/sse-load.mjs";
const body = JSON.stringify({
  model: "bench",
  messages: [{ role: "user", content: "Say hello to the benchmark" }],
});
const streamBody = JSON.stringify({
  model: "bench",
  stream: true,
  messages: [{ role: "user", content: "Say hello to the benchmark" }],
});
// The Responses API: the same prompt, answered through the canonical chat call upstream.
const responsesBody = JSON.stringify({ model: "bench", input: "Say hello to the benchmark" });
const c1 = (url, headers) =>
  run([
    join(here, "gateway-c1.mjs"),
    "--url",
    `${url}/v1/chat/completions`,
    "--body",
    body,
    "--duration",
    String(c1Duration),
    ...headers.flatMap((h) => ["-H", h]),
  ]).then(lastJsonLine);

const autocannon = (url, connections, seconds, headers) =>
  load(`${url}/v1/chat/completions`, { connections, seconds, body, headers });

const sse = (url, connections, seconds, headers) =>
  run([
    SSE_LOAD,
    "--url",
    `${url}/v1/chat/completions`,
    "-c",
    String(connections),
    "-d",
    String(seconds),
    "--body",
    streamBody,
    "--json",
    ...headers.flatMap((h) => ["-H", h]),
  ]).then(lastJsonLine);

const fmt = (n, digits = 2) => (n === null || n === undefined ? "n/a" : Number(n).toFixed(digits));

async function main() {
  const mockPort = await freePort();
  await startService(
    0,
    ["packages/mock-llm/bin/mock-llm.mjs", "--port", String(mockPort), "--host", "127.0.0.1"],
    /listening on (\S+)/,
  );
  const mockUrl = `http://127.0.0.1:${mockPort}`;
  const { child: gatewayProcess, match } = await startService(
    1,
    [join(here, "gateway-server.mjs"), "--upstream", mockUrl, "--key", KEY],
    /ready (\S+)/,
  );
  const gatewayUrl = match[1];
  // taskset execs node, so the child's pid is the gateway's.
  const pid = gatewayProcess.pid;
  const auth = [`authorization: Bearer ${KEY}`];
  const warm = Number(values.warmup);
  process.stderr.write(
    `mock ${mockUrl}, gateway ${gatewayUrl} (pid ${pid}); warming up ${warm}s\n`,
  );
  await autocannon(gatewayUrl, 16, warm, auth);
  await sse(gatewayUrl, 8, Math.max(1, Math.round(warm / 2)), auth);

  process.stderr.write("c1 ...\n");
  const directC1 = await c1(mockUrl, []);
  const gatewayC1 = await c1(gatewayUrl, auth);
  process.stderr.write("c64 ...\n");
  const directC64 = await autocannon(mockUrl, 64, duration, []);
  const cpuBefore = cpuMicros(pid);
  const gatewayC64 = await autocannon(gatewayUrl, 64, duration, auth);
  const cpuAfter = cpuMicros(pid);
  process.stderr.write("responses c64 ...\n");
  const gatewayResponses = await load(`${gatewayUrl}/v1/responses`, {
    connections: 64,
    seconds: duration,
    body: responsesBody,
    headers: auth,
  });
  process.stderr.write("stream c16 ...\n");
  const directStream = await sse(mockUrl, 16, duration, []);
  const gatewayStream = await sse(gatewayUrl, 16, duration, auth);
  process.stderr.write("stream c1 ...\n");
  const directStream1 = await sse(mockUrl, 1, c1Duration, []);
  const gatewayStream1 = await sse(gatewayUrl, 1, c1Duration, auth);

  const gatewayRequests = gatewayC64.requests.total - (gatewayC64.non2xx ?? 0);
  const result = {
    c1: {
      p50AddedMs: gatewayC1.p50 - directC1.p50,
      p99AddedMs: gatewayC1.p99 - directC1.p99,
      direct: { p50Ms: directC1.p50, p99Ms: directC1.p99 },
      gateway: { p50Ms: gatewayC1.p50, p99Ms: gatewayC1.p99, errors: gatewayC1.errors },
    },
    c64: {
      rps: gatewayC64.requests.average,
      directRps: directC64.requests.average,
      p99Ms: gatewayC64.latency.p99,
      directP99Ms: directC64.latency.p99,
      non2xx: gatewayC64.non2xx,
      errors: gatewayC64.errors,
    },
    responses64: {
      rps: gatewayResponses.requests.average,
      p99Ms: gatewayResponses.latency.p99,
      non2xx: gatewayResponses.non2xx,
      errors: gatewayResponses.errors,
    },
    stream16: {
      rps: gatewayStream.rps,
      directRps: directStream.rps,
      firstChunkAddedMs: gatewayStream.ttft_ms.p50 - directStream.ttft_ms.p50,
      firstChunkP50Ms: gatewayStream.ttft_ms.p50,
      directFirstChunkP50Ms: directStream.ttft_ms.p50,
      bad: gatewayStream.bad + gatewayStream.errors,
    },
    stream1: {
      firstChunkAddedMs: gatewayStream1.ttft_ms.p50 - directStream1.ttft_ms.p50,
      firstChunkP50Ms: gatewayStream1.ttft_ms.p50,
      directFirstChunkP50Ms: directStream1.ttft_ms.p50,
    },
    cpuUsPerRequest: gatewayRequests > 0 ? (cpuAfter - cpuBefore) / gatewayRequests : null,
    peakRssMb: peakRssMb(pid),
  };

  const rows = [
    [
      "c1 p50 (ms)",
      fmt(directC1.p50, 3),
      fmt(gatewayC1.p50, 3),
      `+${fmt(result.c1.p50AddedMs, 3)}`,
      "added ≤ 1 ms",
    ],
    [
      "c1 p99 (ms)",
      fmt(directC1.p99, 3),
      fmt(gatewayC1.p99, 3),
      `+${fmt(result.c1.p99AddedMs, 3)}`,
      "",
    ],
    ["c64 req/s", fmt(result.c64.directRps, 0), fmt(result.c64.rps, 0), "", "≥ 2,000"],
    ["c64 p99 (ms)", fmt(result.c64.directP99Ms, 1), fmt(result.c64.p99Ms, 1), "", ""],
    [
      "responses API c64 req/s (direct: chat)",
      fmt(result.c64.directRps, 0),
      fmt(result.responses64.rps, 0),
      "",
      "",
    ],
    [
      "stream c16 req/s",
      fmt(result.stream16.directRps, 0),
      fmt(result.stream16.rps, 0),
      "",
      "≥ 1,000",
    ],
    [
      "stream first chunk p50 (ms)",
      fmt(result.stream16.directFirstChunkP50Ms, 3),
      fmt(result.stream16.firstChunkP50Ms, 3),
      `+${fmt(result.stream16.firstChunkAddedMs, 3)}`,
      "added ≤ 5 ms",
    ],
    [
      "stream c1 first chunk p50 (ms)",
      fmt(result.stream1.directFirstChunkP50Ms, 3),
      fmt(result.stream1.firstChunkP50Ms, 3),
      `+${fmt(result.stream1.firstChunkAddedMs, 3)}`,
      "(unsaturated)",
    ],
    ["gateway CPU µs/request (c64)", "", fmt(result.cpuUsPerRequest, 0), "", ""],
    ["gateway peak RSS (MB)", "", fmt(result.peakRssMb, 1), "", ""],
  ];
  console.log("| metric | direct to mock | through gateway | added | target |");
  console.log("|---|---|---|---|---|");
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);
  console.log(
    `\nerrors: c1 ${gatewayC1.errors}, c64 non-2xx ${result.c64.non2xx} / socket errors ${result.c64.errors}, responses non-2xx ${result.responses64.non2xx}, stream bad ${result.stream16.bad}`,
  );
  if (values.json) writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);
}

try {
  await main();
} finally {
  stopAll();
}
