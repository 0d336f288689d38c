// What the soak measured, from the client's records and the database: answered requests, rows
// written and lost, spend against the budget, how streams ended, the error shapes seen.
import pg from "pg";
import { BUDGET_LIMIT_USD, PRICEY } from "./seed.mjs";

/** A request the gateway did not accept (no key check possible) is not a row of the ledger. */
const unlogged = new Set(["key_check_unavailable"]);

const count = (items, key) => {
  const out = new Map();
  for (const item of items) out.set(key(item), (out.get(key(item)) ?? 0) + 1);
  return [...out.entries()].sort((a, b) => b[1] - a[1]);
};

export async function soakReport({ databaseUrl, records, teams, instanceStats }) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const answered = records.filter((record) => record.status > 0 && !record.retried);
    const logged = answered.filter((record) => record.requestId && !unlogged.has(record.code));
    const ids = logged.map((record) => record.requestId);
    const found = new Set(
      (await client.query("select id from request_logs where id = any($1)", [ids])).rows.map(
        (row) => row.id,
      ),
    );
    const lost = logged.filter((record) => !found.has(record.requestId));
    const rows = Number((await client.query("select count(*) from request_logs")).rows[0].count);
    const spent = (
      await client.query(
        "select coalesce(sum(cost_usd), 0)::text as spent, count(*) filter (where status = 'ok') as ok from request_logs where team_id = $1",
        [teams.initech.id],
      )
    ).rows[0];
    // The bound: the limit plus what calls in flight when it ran out could still cost (at most 4
    // of the budget team's calls are in flight; each reserves its worst case before it starts).
    const worstCall = (20 * PRICEY.input + PRICEY.maxTokens * PRICEY.output) / 1e6;
    const bound = Number(BUDGET_LIMIT_USD) + 4 * worstCall;
    const streams = answered.filter((record) => record.ending !== undefined);
    const silent = streams.filter((record) => record.ending === "silent-cut");
    const errors = answered.filter((record) => record.status >= 400);
    return {
      answered: answered.length,
      noAnswer: count(
        records.filter((record) => record.status === 0),
        (record) => record.failure,
      ),
      rows,
      lost: lost.length,
      lostSample: lost.slice(0, 5),
      spentUsd: Number(spent.spent),
      budgetOkRows: Number(spent.ok),
      boundUsd: bound,
      streams: streams.length,
      streamEndings: count(streams, (record) => record.ending),
      silentCuts: silent.length,
      errorShapes: count(errors, (record) => `${record.status} ${record.shape} ${record.code}`),
      byScenario: count(answered, (record) => `${record.scenario} ${record.status}`),
      instanceStats,
    };
  } finally {
    await client.end();
  }
}

export function printReport(report, events) {
  const line = (label, value, want = "") => console.log(`| ${label} | ${value} | ${want} |`);
  console.log("\n| measure | value | must be |");
  console.log("|---|---|---|");
  line("requests answered", report.answered);
  line("log rows written (all teams)", report.rows);
  line("answered requests with no log row (rows lost)", report.lost, "0");
  line(
    `budget team: spent vs limit $${BUDGET_LIMIT_USD}`,
    `$${report.spentUsd.toFixed(4)} (${report.budgetOkRows} paid requests)`,
    `≤ $${report.boundUsd.toFixed(4)} (limit + calls in flight)`,
  );
  line("streams", report.streams);
  line("streams ended without a terminal event", report.silentCuts, "0");
  for (const [name, stats] of Object.entries(report.instanceStats)) {
    line(
      `instance ${name}: spooled / replayed / dropped / cleaned`,
      `${stats.spooled} / ${stats.replayed} / ${stats.dropped} / ${stats.cleaned}`,
      "dropped 0",
    );
  }
  console.log("\nstream endings:", JSON.stringify(Object.fromEntries(report.streamEndings)));
  console.log("error shapes (status shape code: count):");
  for (const [key, n] of report.errorShapes) console.log(`  ${key}: ${n}`);
  console.log("no answer:", JSON.stringify(Object.fromEntries(report.noAnswer)));
  console.log("timeline:");
  for (const event of events) console.log(`  ${event}`);
  if (report.lost > 0) console.log("lost sample:", JSON.stringify(report.lostSample));
}
