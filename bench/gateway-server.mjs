#!/usr/bin/env node
// The gateway as the benchmarks run it: its own process, built by @switchyard/server like the
// production one, over in-memory ports (the accounting queue writes to a sink that discards; pino
// logs to /dev/null). With --limits: a team budget, a key budget inside it, and RPM/TPM limits on
// the key and the team, all high enough that nothing is refused, so the figures show what
// admitting, reserving and settling cost; `noop` is an engine that admits at once and holds
// nothing (the gateway's own admission path). Prints "ready <url>" once listening.
//   node bench/gateway-server.mjs --upstream URL [--key KEY] [--limits off|noop|memory|redis]
//     [--redis URL] [--prefix P]
import { parseArgs } from "node:util";
import { register } from "tsx/esm/api";

register();
const { values } = parseArgs({
  options: {
    upstream: { type: "string" },
    key: { type: "string", default: "sk-bench-key" },
    port: { type: "string", default: "0" },
    limits: { type: "string", default: "off" },
    redis: { type: "string", default: "redis://127.0.0.1:6379" },
    prefix: { type: "string", default: "switchyard-bench:gateway:" },
  },
});
if (!values.upstream) throw new Error("--upstream URL required");

const { pino } = await import("pino");
const { startGatewayServer } = await import("@switchyard/gateway");
const { MemoryConfigStore, MemoryKeyStore, makeKey, makeModel, makeTeam, nullUsageSink } =
  await import("@switchyard/gateway/testing");
const { MemoryLimits, RedisLimits, createLimitsRedis, parseBudget } = await import(
  "@switchyard/limits"
);
const { buildGateway } = await import("@switchyard/server");

const team = makeTeam({ defaultModel: "bench" });
const apiKey = makeKey(team);
const keys = new MemoryKeyStore();
keys.add(values.key, apiKey);
const upstream = `${values.upstream}/v1`;
const config = new MemoryConfigStore({
  models: [
    makeModel({
      name: "bench",
      baseUrl: upstream,
      inputPricePerMillion: 0.15,
      outputPricePerMillion: 0.6,
    }),
    makeModel({
      name: "premium",
      baseUrl: upstream,
      inputPricePerMillion: 5,
      outputPricePerMillion: 15,
    }),
  ],
  teams: [team],
  policies: [],
});

const noopEngine = () => {
  const reservation = {
    id: "noop",
    teamId: team.id,
    apiKeyId: apiKey.id,
    budgets: [],
    tokenLimits: [],
    estimatedTokens: 0,
    downgraded: false,
    failOpen: false,
  };
  return {
    admit: async () => ({ ok: true, reservation, rateHeaders: {} }),
    reserveMore: async () => ({ ok: true }),
    settle: async () => ({ thresholds: [] }),
    release: async () => {},
    setBudgets() {},
    setRateLimits() {},
    setFailModes() {},
    rebuildFromLog: async () => 0,
    usage: async () => null,
    renewHeld: async () => 0,
    metrics: () => ({}),
    close: async () => {},
  };
};

const redis = values.limits === "redis" ? createLimitsRedis(values.redis) : null;
let limits;
if (values.limits === "noop") limits = noopEngine();
else if (values.limits === "memory" || values.limits === "redis") {
  limits = redis ? new RedisLimits({ redis, keyPrefix: values.prefix }) : new MemoryLimits();
  limits.setBudgets([
    parseBudget({
      id: "bench-team-month",
      scope: "team",
      teamId: team.id,
      period: "month",
      limitUsd: "1000000",
      alertThresholds: [50, 80, 100],
    }),
    parseBudget({
      id: "bench-key-day",
      scope: "key",
      teamId: team.id,
      apiKeyId: apiKey.id,
      period: "day",
      timeZone: "Europe/Berlin",
      limitUsd: "100000",
    }),
  ]);
  limits.setRateLimits([
    { scope: "team", id: team.id, rpm: 100_000_000, tpm: 1_000_000_000_000 },
    { scope: "key", id: apiKey.id, rpm: 100_000_000, tpm: 1_000_000_000_000 },
  ]);
} else if (values.limits !== "off") throw new Error(`--limits: off, noop, memory or redis`);

const logger = pino({ level: "info" }, pino.destination({ dest: "/dev/null", sync: false }));
const running = await buildGateway({
  ports: { keys, config, usage: nullUsageSink },
  logger,
  limits: limits ?? "none",
  // The benchmark's upstream (a mock on loopback) is allowed by address and port.
  options: { allowedPrivateHosts: [new URL(values.upstream).host] },
});
const server = await startGatewayServer({ gateway: running.gateway, port: Number(values.port) });
console.log(`ready ${server.url}`);

const stop = async () => {
  await server.close();
  await running.close();
  if (redis) {
    // The counters this run made are of no further use.
    let cursor = "0";
    do {
      const [next, found] = await redis.scan(cursor, "MATCH", `${values.prefix}*`, "COUNT", 1000);
      cursor = next;
      if (found.length > 0) await redis.del(...found);
    } while (cursor !== "0");
    await redis.quit();
  }
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
