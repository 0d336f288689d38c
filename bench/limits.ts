// Budgets and rate limits: cost of admit + settle per request, in memory and on Redis.
//   npx tsx bench/limits.ts [--requests 100000] [--redis-requests 20000] [--concurrency 64]
// As the gateway does: await the admission, then settle without waiting (a settlement rides with a
// later admission's round trip). Latency: one request at a time, p50/p99 of the admission.
// Throughput: `concurrency` requests in flight, until every settlement is done. CPU µs per request
// is this process's user+system time divided by requests: what a gateway instance pays for limits.
// Needs Redis for the Redis rows (REDIS_URL or redis://127.0.0.1:6379); it uses and then deletes a
// random key prefix.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import {
  createLimitsRedis,
  type LimitsEngine,
  MemoryLimits,
  parseBudget,
  RedisLimits,
} from "@switchyard/limits";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "100000" },
    "redis-requests": { type: "string", default: "20000" },
    concurrency: { type: "string", default: "64" },
  },
});
const concurrency = Number(values.concurrency);
const USD = 1_000_000_000_000;
const KEYS = 50;

function configure(engine: LimitsEngine): void {
  engine.setBudgets([
    parseBudget({
      id: "team-month",
      scope: "team",
      teamId: "team",
      period: "month",
      limitUsd: "1000000",
      alertThresholds: [50, 80, 100],
    }),
    ...Array.from({ length: KEYS }, (_, i) =>
      parseBudget({
        id: `key-${i}-day`,
        scope: "key",
        teamId: "team",
        apiKeyId: `key-${i}`,
        period: "day",
        timeZone: "Europe/Berlin",
        limitUsd: "100000",
      }),
    ),
  ]);
  engine.setRateLimits([
    { scope: "team", id: "team", rpm: 100_000_000, tpm: 1_000_000_000_000 },
    ...Array.from({ length: KEYS }, (_, i) => ({
      scope: "key" as const,
      id: `key-${i}`,
      rpm: 100_000_000,
      tpm: 1_000_000_000,
    })),
  ]);
}

const settling = new Set<Promise<unknown>>();

async function once(engine: LimitsEngine, i: number): Promise<void> {
  const result = await engine.admit({
    teamId: "team",
    apiKeyId: `key-${i % KEYS}`,
    estimatedTokens: 1200,
    worstCaseCostPicos: 0.002 * USD,
  });
  if (!result.ok) throw new Error(`refused: ${result.error.message}`);
  const settled = Promise.resolve(engine.settle(result.reservation, 0.0007 * USD, 800));
  settling.add(settled);
  void settled.finally(() => settling.delete(settled));
}

const allSettled = () => Promise.all([...settling]);

const percentile = (sorted: Float64Array, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

async function measure(name: string, engine: LimitsEngine, requests: number) {
  configure(engine);
  for (let i = 0; i < Math.min(2000, requests); i += 1) await once(engine, i);
  await allSettled();

  const latencies = new Float64Array(requests);
  for (let i = 0; i < requests; i += 1) {
    const start = process.hrtime.bigint();
    await once(engine, i);
    latencies[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  latencies.sort();
  await allSettled();

  const cpuStart = process.cpuUsage();
  const wallStart = process.hrtime.bigint();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) await once(engine, next++);
    }),
  );
  await allSettled();
  const seconds = Number(process.hrtime.bigint() - wallStart) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const row = {
    engine: name,
    requests,
    "admit p50 µs (1 in flight)": Number(percentile(latencies, 0.5).toFixed(1)),
    "admit p99 µs (1 in flight)": Number(percentile(latencies, 0.99).toFixed(1)),
    [`admit+settle/s (${concurrency} in flight)`]: Math.round(requests / seconds),
    "CPU µs/request": Number(((cpu.user + cpu.system) / requests).toFixed(1)),
  };
  await engine.close();
  return row;
}

const rows = [await measure("memory", new MemoryLimits(), Number(values.requests))];
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `switchyard-bench:${randomBytes(4).toString("hex")}:`;
const redis = new RedisLimits({ redis: redisUrl, keyPrefix: prefix });
rows.push(await measure("redis", redis, Number(values["redis-requests"])));
const cleanup = createLimitsRedis(redisUrl, 5000);
let cursor = "0";
do {
  const [nextCursor, keys] = await cleanup.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
  cursor = nextCursor;
  if (keys.length > 0) await cleanup.del(...keys);
} while (cursor !== "0");
await cleanup.quit();
console.table(rows);
