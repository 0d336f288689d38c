#!/usr/bin/env node
// The soak: two standalone gateway instances over one PostgreSQL and one Redis (the soak's own, on
// loopback), mixed traffic from several teams (JSON and streams, both surfaces, one team running
// into its budget, poison requests), while it injects upstream 500s, 429s, hangs and mid-stream
// cuts (models on the mock LLM), a Redis restart, a PostgreSQL outage, and a SIGTERM and restart of
// one instance. Then it waits for the spools to drain, stops both instances and prints what it
// found: rows lost, spend against the budget, streams cut silently, error shapes.
//   pnpm build && node bench/soak.mjs [--outage-seconds 60] [--concurrency 12] [--quick]
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { register } from "tsx/esm/api";

register();
const { values } = parseArgs({
  options: {
    "outage-seconds": { type: "string", default: "60" },
    concurrency: { type: "string", default: "12" },
    quick: { type: "boolean", default: false },
  },
});
const outage = values.quick ? 15 : Number(values["outage-seconds"]);
const { gatewayInstance, startMock, startPostgres, startRedis } = await import(
  "./soak/services.mjs"
);
const { seedSoak } = await import("./soak/seed.mjs");
const { startTraffic } = await import("./soak/traffic.mjs");
const { printReport, soakReport } = await import("./soak/report.mjs");

const started = Date.now();
const events = [];
const log = (message) => {
  const line = `${((Date.now() - started) / 1000).toFixed(1)}s ${message}`;
  events.push(line);
  process.stderr.write(`${line}\n`);
};
const sleep = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

/** The log writer's counters of an instance, from its /metrics. */
async function writerStats(instance) {
  const text = await (await fetch(`${instance.url}/metrics`)).text();
  const read = (name) =>
    Number(new RegExp(`^switchyard_log_${name} (\\S+)$`, "m").exec(text)?.[1] ?? 0);
  return {
    spooled: read("rows_spooled_total"),
    replayed: read("rows_replayed_total"),
    dropped: read("rows_dropped_total"),
    cleaned: read("rows_cleaned_total"),
    queued: read("queue_depth"),
    spoolBytes: read("spool_bytes"),
  };
}

const totals = {};
const addStats = (name, stats) => {
  totals[name] ??= { spooled: 0, replayed: 0, dropped: 0, cleaned: 0 };
  const into = totals[name];
  for (const key of Object.keys(into)) into[key] += stats[key];
};

const dataDir = await mkdtemp(join(tmpdir(), "switchyard-soak-"));
const cleanup = [];
try {
  const postgres = await startPostgres(join(dataDir, "postgres"));
  cleanup.push(() => postgres.stop());
  const redis = await startRedis();
  cleanup.push(() => redis.stop());
  const mock = await startMock();
  cleanup.push(() => mock.stop());
  const { teams, encryptionKey } = await seedSoak(postgres.url, mock.url);
  const env = {
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    SWITCHYARD_ENCRYPTION_KEY: encryptionKey,
    SWITCHYARD_ALLOWED_PRIVATE_HOSTS: new URL(mock.url).host,
    SWITCHYARD_DRAIN_TIMEOUT_MS: "5000",
  };
  const a = await gatewayInstance({ name: "a", env, dataDir });
  const b = await gatewayInstance({ name: "b", env, dataDir });
  cleanup.push(async () => {
    for (const instance of [a, b]) if (instance.running) await instance.stop();
  });
  log(
    `postgres ${postgres.url.replace(/:[^:@]*@/, ":…@")}, redis ${redis.url}, gateways ${a.url} ${b.url}`,
  );

  const traffic = startTraffic({
    instances: [a, b],
    teams,
    concurrency: Number(values.concurrency),
  });
  await sleep(values.quick ? 5 : 10);
  log("redis: killed (everything it held is gone)");
  await redis.kill();
  await sleep(3);
  await redis.start();
  log("redis: back, empty");
  await sleep(values.quick ? 5 : 10);
  log(`postgres: stopped for ${outage}s`);
  await postgres.stop();
  await sleep(outage);
  await postgres.start();
  log("postgres: back");
  await sleep(values.quick ? 5 : 15);
  log("instance b: SIGTERM");
  addStats("b", await writerStats(b));
  const code = await b.stop();
  log(`instance b: exited with ${code}; starting it again`);
  await b.start();
  await sleep(values.quick ? 5 : 15);
  await traffic.stop();
  log(`traffic stopped after ${traffic.records.length} requests`);

  // Every instance replays its spool into the database before it is stopped.
  for (let i = 0; i < 120; i++) {
    const stats = await Promise.all([a, b].map(writerStats));
    if (stats.every((s) => s.spoolBytes === 0 && s.queued === 0)) break;
    await sleep(1);
  }
  for (const instance of [a, b]) {
    addStats(instance.name, await writerStats(instance));
    const exit = await instance.stop();
    log(`instance ${instance.name}: SIGTERM, exited with ${exit}`);
  }
  const report = await soakReport({
    databaseUrl: postgres.url,
    records: traffic.records,
    teams,
    instanceStats: totals,
  });
  printReport(report, events);
  const errors = [...a.errors, ...b.errors];
  if (errors.length > 0)
    console.log(`\ngateway error log lines: ${errors.length}, first: ${errors[0]}`);
} finally {
  for (const step of cleanup.reverse())
    await Promise.resolve()
      .then(step)
      .catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
}
