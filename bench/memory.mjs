#!/usr/bin/env node
// Memory of the production server (apps/web/dist/server.mjs, started as `pnpm start` starts it:
// same Node.js flags) under load and after it. The server runs on a scratch database of its own
// (on TEST_DATABASE_URL's PostgreSQL) with its own mock LLM, pinned to CPU 1; the load (demo-small
// chat completions, 1 in 4 streamed) comes from this process. It prints RSS (from /proc) and heap
// used / total (the server's /metrics) every 10 s: warm idle, during the load, and for a minute
// after it, then max RSS, warm-idle RSS and RSS a minute after the load.
//   pnpm build && pnpm bench:memory [--connections 64] [--duration 600] [--idle 60] [--json]
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { productionNodeFlags } from "../apps/web/scripts/node-flags.mjs";
import { freePort, root } from "./lib/processes.mjs";

const require = createRequire(import.meta.url);
const autocannon = require("autocannon");

const { values } = parseArgs({
  options: {
    connections: { type: "string", default: "64" },
    duration: { type: "string", default: "600" },
    idle: { type: "string", default: "60" },
    warmup: { type: "string", default: "20" },
    json: { type: "boolean", default: false },
  },
});
const connections = Number(values.connections);
const duration = Number(values.duration);
const idleSeconds = Number(values.idle);
const adminUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const serverFile = join(root, "apps/web/dist/server.mjs");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes) => Math.round(bytes / 1024 / 1024);

const rssMb = async (pid) => {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
};

async function heap(baseUrl) {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const read = (name) =>
    Number(new RegExp(`^switchyard_nodejs_heap_size_${name}_bytes (\\S+)$`, "m").exec(text)?.[1]);
  return { usedMb: mb(read("used")), totalMb: mb(read("total")) };
}

const dbName = `switchyard_mem_${randomBytes(4).toString("hex")}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${dbName}`);
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${dbName}`;
const dataDir = await mkdtemp(join(tmpdir(), "switchyard-mem-"));
const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const demoKey = `sk-sy-${randomBytes(24).toString("base64url").replace(/[-_]/g, "a").slice(0, 32)}`;
const flags = productionNodeFlags(process.env);
const server = spawn("taskset", ["-c", "1", process.execPath, ...flags, serverFile], {
  cwd: root,
  env: {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: dbUrl.toString(),
    PORT: String(port),
    HOST: "127.0.0.1",
    SWITCHYARD_DATA_DIR: dataDir,
    SWITCHYARD_MOCK_PORT: "0",
    SWITCHYARD_DEMO_KEY: demoKey,
    LOG_LEVEL: "warn",
  },
  stdio: ["ignore", "ignore", "inherit"],
});

const samples = [];
let phase = "start";
const started = Date.now();
async function sample() {
  const row = {
    t: Math.round((Date.now() - started) / 1000),
    phase,
    rssMb: await rssMb(server.pid),
    ...(await heap(baseUrl)),
  };
  samples.push(row);
  if (!values.json)
    console.log(
      `${String(row.t).padStart(5)} s  ${phase.padEnd(6)} rss ${String(row.rssMb).padStart(5)} MB  heap used ${String(row.usedMb).padStart(4)} / total ${String(row.totalMb).padStart(4)} MB`,
    );
  return row;
}

const chat = (stream) =>
  JSON.stringify({
    model: "demo-small",
    stream,
    messages: [{ role: "user", content: "Say hello in one short sentence." }],
  });

try {
  for (let i = 0; ; i++) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    const ok = await fetch(`${baseUrl}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 240) throw new Error("the server did not answer /health within 60 s");
    await sleep(250);
  }
  if (!values.json)
    console.log(
      `server pid ${server.pid} (node ${flags.join(" ") || "(no flags)"}), ${connections} connections for ${duration} s, then ${idleSeconds} s idle; machine: ${process.env.BENCH_NOTE ?? "shared, other work running"}`,
    );
  // Warm up (JIT, pools, caches), then let it settle: the warm idle figure.
  await runLoad(Math.min(connections, 8), Number(values.warmup));
  phase = "idle";
  for (let i = 0; i < 3; i++) {
    await sleep(10_000);
    await sample();
  }
  const warmIdle = samples.at(-1).rssMb;

  phase = "load";
  const ticker = setInterval(() => void sample(), 10_000);
  const result = await runLoad(connections, duration);
  clearInterval(ticker);
  let peakDuringLoad = 0;
  for (const row of samples)
    if (row.phase === "load") peakDuringLoad = Math.max(peakDuringLoad, row.rssMb);

  phase = "after";
  for (let t = 0; t < idleSeconds; t += 10) {
    await sleep(10_000);
    await sample();
  }
  const after = samples.at(-1).rssMb;
  const status = await readFile(`/proc/${server.pid}/status`, "utf8");
  const maxRss = Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  const summary = {
    connections,
    durationSeconds: duration,
    nodeFlags: flags,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    non2xx: result.non2xx,
    errors: result.errors,
    warmIdleRssMb: warmIdle,
    maxRssMb: maxRss,
    maxSampledRssMb: peakDuringLoad,
    rssAfterMb: after,
    afterVsWarmIdle: Number((after / warmIdle).toFixed(2)),
    samples,
  };
  if (values.json) console.log(JSON.stringify(summary));
  else
    console.log(
      `\n${summary.requests} requests (${summary.requestsPerSecond}/s, non-2xx ${summary.non2xx}, errors ${summary.errors})\nwarm idle RSS ${warmIdle} MB, max RSS ${maxRss} MB (VmHWM), RSS ${idleSeconds} s after the load ${after} MB (${summary.afterVsWarmIdle}× warm idle)`,
    );
} finally {
  server.kill("SIGTERM");
  await new Promise((resolve) => {
    if (server.exitCode !== null) resolve();
    else server.once("exit", resolve);
  });
  await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
  await admin.end();
  await rm(dataDir, { recursive: true, force: true });
}

/** `count` connections for `seconds`: demo-small chat completions, every 4th one streamed. */
function runLoad(count, seconds) {
  const headers = { "content-type": "application/json", authorization: `Bearer ${demoKey}` };
  return autocannon({
    url: `${baseUrl}/v1/chat/completions`,
    connections: count,
    duration: seconds,
    requests: [
      { method: "POST", headers, body: chat(false) },
      { method: "POST", headers, body: chat(false) },
      { method: "POST", headers, body: chat(false) },
      { method: "POST", headers, body: chat(true) },
    ],
  });
}
