#!/usr/bin/env node
// Gateway throughput with budgets and rate limits off, in memory and on Redis (autocannon, 64
// connections, mock LLM with zero latency). Gateway pinned to CPU 1; mock and load on CPU 0; the
// modes alternate within every round. Reported: each mode's best round, and the medians over
// rounds of its ratio to off and its extra CPU per request (each against off in the same round,
// which cancels this machine's drift between rounds). Redis: a redis-server of its own on CPU 0
// (as if on another machine), or --redis URL. MODES=off,noop,memory,redis picks the modes (noop:
// the gateway's admission path with an engine that does nothing).
//   MODES=… node bench/limits-gateway.mjs [--duration 6] [--rounds 2] [--redis redis://127.0.0.1:6379]
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "6" },
    warmup: { type: "string", default: "3" },
    rounds: { type: "string", default: "2" },
    redis: { type: "string" },
  },
});
const KEY = "sk-bench-key";
const AUTOCANNON = join(here, "node_modules/autocannon/autocannon.js");
const body = JSON.stringify({
  model: "bench",
  max_tokens: 64,
  messages: [{ role: "user", content: "Say hello to the benchmark" }],
});
const children = new Set();
const MODES = (process.env.MODES ?? "off,memory,redis").split(",");
const prefix = `switchyard-bench:${randomBytes(4).toString("hex")}:`;

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

function startService(cpu, args, pattern) {
  const child = spawn("taskset", ["-c", String(cpu), process.execPath, ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (data) => {
      out += data;
      const match = pattern.exec(out);
      if (match) resolve({ child, match });
    });
    child.on("exit", (code) => reject(new Error(`${args[0]} exited with ${code}`)));
  });
}

function autocannon(url, seconds) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      "taskset",
      [
        "-c",
        "0",
        process.execPath,
        AUTOCANNON,
        "-c",
        "64",
        "-d",
        String(seconds),
        "-m",
        "POST",
        "-H",
        "content-type=application/json",
        "-H",
        `authorization=Bearer ${KEY}`,
        "-b",
        body,
        "--json",
        `${url}/v1/chat/completions`,
      ],
      { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (data) => {
      out += data;
    });
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}`));
      resolve(
        JSON.parse(
          out
            .trim()
            .split("\n")
            .filter((l) => l.startsWith("{"))
            .at(-1),
        ),
      );
    });
  });
}

function cpuMicros(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

async function measure(mockUrl, mode) {
  const { child, match } = await startService(
    1,
    [
      join(here, "limits-gateway-server.mjs"),
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
  const child = spawn(
    "taskset",
    [
      "-c",
      "0",
      "redis-server",
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
    ],
    { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
  );
  children.add(child);
  child.on("exit", () => children.delete(child));
  redisPid = child.pid;
  await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (data) => {
      out += data;
      if (/Ready to accept connections/.test(out)) resolve();
    });
    child.on("exit", (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
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
  for (const child of children) child.kill("SIGTERM");
}
