/**
 * pnpm bench:dashboard [--team SLUG] [--runs N]
 *
 * The overview's rollup queries and the request log's queries (first page, filtered pages, a deep
 * keyset page, one request's detail), N times each against DATABASE_URL (default: the local
 * switchyard_bench database, loaded with `pnpm db:seed:synthetic --rows 10000000`). Prints p50,
 * p95 and max milliseconds per query; asserts nothing.
 */
import { parseArgs } from "node:util";
import { createPrisma } from "@switchyard/db";
import { decodeCursor, encodeCursor } from "../apps/web/src/features/request-log/server/cursor";
import {
  type LogFilter,
  queryLogEntry,
  queryLogPage,
} from "../apps/web/src/features/request-log/server/request-queries";
import type { OverviewQuery } from "../apps/web/src/features/usage/contract";
import { loadOverview } from "../apps/web/src/features/usage/server/load-overview";

const { values } = parseArgs({
  options: {
    team: { type: "string", default: "synthetic" },
    runs: { type: "string", default: "30" },
    warmup: { type: "string", default: "3" },
  },
});
const runs = Number(values.runs);
const warmup = Number(values.warmup);
const databaseUrl =
  process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/switchyard_bench";
const prisma = createPrisma(databaseUrl);

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;

async function measure(name: string, run: () => Promise<unknown>) {
  for (let i = 0; i < warmup; i += 1) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const cells = [quantile(times, 0.5), quantile(times, 0.95), times[times.length - 1] ?? 0];
  console.log(`${name.padEnd(44)} ${cells.map((ms) => ms.toFixed(1).padStart(8)).join(" ")}`);
}

try {
  const team = await prisma.team.findUnique({ where: { slug: values.team } });
  if (!team) throw new Error(`no team "${values.team}": run pnpm db:seed:synthetic first`);
  const [logRows, rollupRows] = await Promise.all([
    prisma.$queryRaw<
      { count: bigint }[]
    >`select count(*) from request_logs where team_id = ${team.id}`,
    prisma.$queryRaw<
      { count: bigint }[]
    >`select count(*) from usage_rollup_hour where team_id = ${team.id}`,
  ]);
  const key = await prisma.apiKey.findFirst({
    where: { teamId: team.id },
    orderBy: { name: "asc" },
  });
  const [deep] = await prisma.$queryRaw<{ created_at: Date; id: string }[]>`
    select created_at, id from request_logs
     where team_id = ${team.id} and created_at < now() - interval '15 days'
     order by created_at desc, id desc limit 1`;
  const [sample] = await prisma.$queryRaw<{ id: string }[]>`
    select id from request_logs where team_id = ${team.id} order by created_at desc limit 1 offset 1000`;
  console.log(
    `team ${team.slug}: ${Number(logRows[0]?.count ?? 0).toLocaleString("en")} request_logs rows, ` +
      `${Number(rollupRows[0]?.count ?? 0).toLocaleString("en")} usage_rollup_hour rows; ${runs} runs after ${warmup} warm-up`,
  );
  console.log(
    `${"query".padEnd(44)} ${["p50 ms", "p95 ms", "max ms"].map((h) => h.padStart(8)).join(" ")}`,
  );

  const overview = (query: Partial<OverviewQuery>) => () =>
    loadOverview(prisma, team.id, { range: "24h", ...query } as OverviewQuery);
  await measure("overview 24h", overview({ range: "24h" }));
  await measure("overview 7d", overview({ range: "7d" }));
  await measure("overview 30d", overview({ range: "30d" }));
  await measure("overview 30d, one key", overview({ range: "30d", keyId: key?.id }));
  await measure("overview 7d, one model", overview({ range: "7d", model: "gpt-5" }));

  const base: LogFilter = { teamId: team.id };
  await measure("log first page (50)", () => queryLogPage(prisma, base, null, 51));
  await measure("log page, status=error", () =>
    queryLogPage(prisma, { ...base, status: "error" }, null, 51),
  );
  await measure("log page, key + model", () =>
    queryLogPage(prisma, { ...base, keyId: key?.id, model: "gpt-5-nano" }, null, 51),
  );
  await measure("log page, route reason rule:code", () =>
    queryLogPage(prisma, { ...base, routeReason: "rule:code" }, null, 51),
  );
  if (deep) {
    const cursor = decodeCursor(encodeCursor({ createdAt: deep.created_at, id: deep.id }));
    await measure("log deep keyset page (15 days back)", () =>
      queryLogPage(prisma, base, cursor, 51),
    );
    await measure("log deep keyset page, status=error", () =>
      queryLogPage(prisma, { ...base, status: "error" }, cursor, 51),
    );
  }
  if (sample) await measure("request detail", () => queryLogEntry(prisma, team.id, sample.id));
} finally {
  await prisma.$disconnect();
}
