#!/usr/bin/env node
// Gateway throughput with budgets and rate limits off, in memory and on Redis (autocannon, 64
// connections, mock LLM with zero latency). Gateway pinned to CPU 1; mock and load on CPU 0; the
// modes alternate within every round. Reported: each mode's best round, and the medians over
// rounds of its ratio to off and its extra CPU per request (each against off in the same round,
// which cancels this machine's drift between rounds). Redis: a redis-server of its own on CPU 0
// (as if on another machine), or --redis URL. MODES=off,noop,memory,redis picks the modes (noop:
// the gateway's admission path with an engine that does nothing).
//   MODES=… node bench/limits-gateway.mjs [--duration 6] [--rounds 2] [--redis redis://127.0.0.1:6379]
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  cpuMicros,
  freePort,
  benchDir as here,
  autocannon as load,
  startProcess,
  startService,
  stopAll,
} from "./lib/processes.mjs";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "6" },
    warmup: { type: "string", default: "3" },
    rounds: { type: "string", default: "2" },
    redis: { type: "string" },
  },
});
const KEY = "sk-bench-key";
const body = JSON.stringify({
  model: "bench",
  max_tokens: 64,
  messages: [{ role: "user", content: "Say hello to the benchmark" }],
});
const MODES = (process.env.MODES ?? "off,memory,redis").split(",");
const prefix = `switchyard-bench:${randomBytes(4).toString("hex")}:`;

const autocannon = (url, seconds) =>
  load(`${url}/v1/chat/completions`, {
    connections: 64,
    seconds,
    body,
    headers: [`authorization: Bearer ${KEY}`],
  });

async function measure(mockUrl, mode) {
  const { child, match } = await startService(
    1,
    [
      join(here, "gateway-server.mjs"),
      "--upstream",
      mockUrl,
      "--key",
      KEY,
      "--limits",
      mode,
      "--redis",
      values.redis,
      "--prefix",
      prefix,
    ],
    /ready (\S+)/,
  );
  const url = match[1];
  await autocannon(url, Number(values.warmup));
  const before = cpuMicros(child.pid);
  const redisBefore = redisPid === null ? 0 : cpuMicros(redisPid);
  const result = await autocannon(url, Number(values.duration));
  const cpu = cpuMicros(child.pid) - before;
  const redisCpu = redisPid === null ? null : cpuMicros(redisPid) - redisBefore;
  const ok = result.requests.total - (result.non2xx ?? 0);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
  return {
    mode,
    rps: result.requests.average,
    p99Ms: result.latency.p99,
    cpuUsPerRequest: ok > 0 ? cpu / ok : null,
    redisCpuUsPerRequest: mode === "redis" && redisCpu !== null && ok > 0 ? redisCpu / ok : null,
    non2xx: result.non2xx ?? 0,
    errors: result.errors,
  };
}

/** The bench's own redis-server, whose CPU time per request is reported (null with --redis). */
let redisPid = null;

/** A throw-away redis-server on CPU 0, so that Redis does not take the gateway's CPU. */
async function ownRedis() {
  const port = await freePort();
  const { child } = await startProcess(
    0,
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    /Ready to accept connections/,
  );
  redisPid = child.pid;
  return `redis://127.0.0.1:${port}`;
}

async function main() {
  const loadBefore = loadavg();
  values.redis ??= await ownRedis();
  const mockPort = await freePort();
  await startService(
    0,
    ["packages/mock-llm/bin/mock-llm.mjs", "--port", String(mockPort), "--host", "127.0.0.1"],
    /listening on (\S+)/,
  );
  const mockUrl = `http://127.0.0.1:${mockPort}`;
  const best = new Map();
  /** Each round's req/s per mode: a mode's ratio to off is taken within a round (same conditions). */
  const rounds = [];
  for (let round = 0; round < Number(values.rounds); round += 1) {
    const rps = {};
    for (const mode of MODES) {
      const row = await measure(mockUrl, mode);
      rps[mode] = row.rps;
      rps[`${mode}:cpu`] = row.cpuUsPerRequest;
      process.stderr.write(
        `round ${round + 1} ${mode}: ${Math.round(row.rps)} req/s, ${row.cpuUsPerRequest?.toFixed(0)} µs CPU/request\n`,
      );
      if (!best.has(mode) || row.rps > best.get(mode).rps) best.set(mode, row);
    }
    rounds.push(rps);
  }
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  const roundRatio = (mode) => median(rounds.map((r) => r[mode] / r.off));
  const roundCpu = (mode) => median(rounds.map((r) => r[`${mode}:cpu`] - r["off:cpu"]));
  const off = best.get("off").rps;
  const load = (avg) => avg.map((v) => v.toFixed(2)).join(" / ");
  console.log(
    `load average (1 / 5 / 15 min): ${load(loadBefore)} before, ${load(loadavg())} after`,
  );
  console.log(
    "| limits | best req/s (c64) | best vs best off | median of per-round ratios | p99 ms | gateway CPU µs/request | median per-round CPU µs/request over off | Redis CPU µs/request | non-2xx |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const row of best.values()) {
    console.log(
      `| ${row.mode} | ${Math.round(row.rps)} | ${(row.rps / off).toFixed(3)} | ${roundRatio(row.mode).toFixed(3)} | ${row.p99Ms} | ${row.cpuUsPerRequest?.toFixed(0) ?? "n/a"} | ${row.mode === "off" ? "" : `+${roundCpu(row.mode).toFixed(0)}`} | ${row.redisCpuUsPerRequest?.toFixed(0) ?? "–"} | ${row.non2xx} |`,
    );
  }
}

try {
  await main();
} finally {
  stopAll();
}
