/**
 * pnpm db:seed:synthetic --rows 10000000 [--team SLUG] [--days 30] [--chunk 200000]
 *
 * Loads N synthetic request_logs rows into DATABASE_URL (for dashboards and benchmarks at scale)
 * and the matching usage_rollup_hour and usage_rollup_day rows. Rows are generated inside PostgreSQL
 * (INSERT ... SELECT over generate_series), in chunks, each chunk's rows folded into the hourly
 * and daily rollups in the same statement. The mix: models at catalog list prices, the routes a policy with
 * rules, a classifier and a cascade produces, ~2% errors, lognormal latencies, spread over the
 * last `days` days. The team (created when missing) gets five keys to spread the rows over.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { createApiKey } from "../src/api-keys";
import { createPrisma } from "../src/client";
import { migrate } from "../src/migrate";
import { ROLLUP_FROM_INSERTED_SQL } from "../src/rollup/rollup-sql";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    team: { type: "string", default: "synthetic" },
    days: { type: "string", default: "30" },
    chunk: { type: "string", default: "200000" },
  },
});
const rows = Number(values.rows);
const days = Number(values.days);
const chunk = Number(values.chunk);
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl || !(rows > 0) || !(days > 0) || !(chunk > 0)) {
  console.error("usage: DATABASE_URL=... pnpm db:seed:synthetic --rows N [--team SLUG] [--days D]");
  process.exit(2);
}

/**
 * Routes: model, provider, $/M input, $/M output (catalog list prices), median latency (ms), how
 * the route reason is written, share of traffic. The baseline is claude-sonnet-4-5 ($3 / $15).
 */
const ROUTES = [
  ["gpt-5-mini", "openai", 0.25, 2, 700, "default", 0.18],
  ["gpt-5-nano", "openai", 0.05, 0.4, 450, "classifier-low", 0.2],
  ["claude-haiku-4-5", "anthropic", 1, 5, 800, "classifier-low", 0.12],
  ["gpt-5", "openai", 1.25, 10, 2500, "classifier-high", 0.1],
  ["claude-sonnet-4-5", "anthropic", 3, 15, 1800, "rule:code", 0.1],
  ["gemini-2.5-flash", "gemini", 0.3, 2.5, 600, "rule:long-context", 0.12],
  ["gpt-5-nano", "openai", 0.05, 0.4, 500, "cascade:gpt-5-nano→gpt-5;accepted", 0.12],
  ["gpt-5", "openai", 1.25, 10, 3200, "cascade:gpt-5-nano→gpt-5;escalated", 0.06],
] as const;

function routesSql(): string {
  let low = 0;
  const tuples = ROUTES.map(([model, provider, input, output, median, reason, share], index) => {
    const high = index === ROUTES.length - 1 ? 1.000001 : low + share;
    const tuple = `(${index}, '${model}', '${provider}', ${input}::numeric, ${output}::numeric, ${Math.log(median)}, '${reason}', ${low}, ${high})`;
    low = high;
    return tuple;
  });
  return `routes(idx, model, provider, input_price, output_price, mu, reason, lo, hi) as (values ${tuples.join(", ")})`;
}

/** $1 team id, $2 key ids, $3 id prefix, $4 first series number, $5 last, $6 days. */
const CHUNK_SQL = `
with ${routesSql()},
draws as (
  select g, random() as pick, random() as r_key, random() as r_status, random() as r_stream,
         random() as r_score, random() as r_ttft, random() as r_time,
         sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) as z_latency,
         sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) as z_input,
         sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) as z_output
    from generate_series($4::bigint, $5::bigint) as g
),
shaped as (
  select d.*, r.model, r.provider, r.input_price, r.output_price,
         case when r.reason = 'classifier-low'
                then 'classifier:' || to_char(floor(d.r_score * 10) / 20, 'FM0.00') || '<0.50'
              when r.reason = 'classifier-high'
                then 'classifier:' || to_char(0.5 + floor(d.r_score * 10) / 20, 'FM0.00') || '>=0.50'
              else r.reason end as route_reason,
         r.reason like 'cascade:%escalated' as cascaded,
         case when d.r_status < 0.02 then 'error' when d.r_status < 0.023 then 'client_closed'
              else 'ok' end as status,
         d.r_stream < 0.6 as streamed,
         greatest(20, round(exp(r.mu + 0.6 * d.z_latency)))::integer as latency_ms,
         greatest(5, round(exp(case when r.reason = 'rule:long-context' then ln(20000) else ln(600) end
                               + 0.9 * d.z_input)))::integer as input_tokens,
         greatest(1, round(exp(ln(250) + 0.8 * d.z_output)))::integer as output_tokens
    from draws d join routes r on d.pick >= r.lo and d.pick < r.hi
),
inserted as (
  insert into request_logs (id, created_at, team_id, api_key_id, policy_version_id, surface,
    requested_model, routed_model, provider, route_reason, route_trace, input_tokens, output_tokens,
    cost_usd, baseline_cost_usd, latency_ms, ttft_ms, overhead_ms, status, http_status, error_code,
    attempt_count, cascaded, streamed, usage_estimated, attempts)
  select $3 || lpad(to_hex(g), 10, '0'),
         now() - d.r_time * make_interval(days => $6::integer),
         $1, ($2::text[])[1 + floor(power(d.r_key, 1.6) * cardinality($2::text[]))::integer], null,
         case when d.provider = 'anthropic' and d.r_ttft < 0.5 then 'anthropic' else 'openai' end,
         'switchyard/auto', d.model, d.provider, d.route_reason,
         jsonb_build_object('reason', d.route_reason, 'gates', '[]'::jsonb, 'fallbacks', '[]'::jsonb),
         d.input_tokens, case when d.status = 'ok' then d.output_tokens else 0 end,
         case when d.status = 'ok'
              then (d.input_tokens * d.input_price + d.output_tokens * d.output_price) / 1000000
              else 0 end,
         case when d.status = 'ok' then (d.input_tokens * 3 + d.output_tokens * 15)::numeric / 1000000
              else 0 end,
         d.latency_ms,
         case when d.streamed and d.status = 'ok'
              then greatest(5, round(d.latency_ms * (0.08 + 0.25 * d.r_ttft)))::integer end,
         round((0.15 + d.r_ttft * 1.2)::numeric, 3)::double precision,
         d.status,
         case d.status when 'ok' then 200 when 'client_closed' then 499
              else (array[502, 429, 500])[1 + floor(d.r_ttft * 3)::integer] end,
         case when d.status = 'error' then (array['upstream_error', 'rate_limited', 'upstream_error'])[1 + floor(d.r_ttft * 3)::integer] end,
         case when d.cascaded then 2 else 1 end,
         d.cascaded, d.streamed, false,
         jsonb_build_array(jsonb_build_object('model', d.model, 'provider', d.provider,
           'reason', 'primary', 'status', case d.status when 'ok' then 200 when 'error' then 502 else null end,
           'error', case when d.status = 'error' then 'upstream_error' end, 'ms', d.latency_ms))
    from shaped d
  returning created_at, team_id, api_key_id, routed_model, route_reason, status, input_tokens,
            output_tokens, cost_usd, baseline_cost_usd, latency_ms, ttft_ms, overhead_ms, cascaded
),
${ROLLUP_FROM_INSERTED_SQL}
`;

const KEY_NAMES = ["production", "staging", "batch-jobs", "support-bot", "analytics"];

await migrate(databaseUrl);
const prisma = createPrisma(databaseUrl, { maxConnections: 1 });
try {
  const team = await prisma.team.upsert({
    where: { slug: values.team },
    update: {},
    create: { slug: values.team, name: `Synthetic (${values.team})` },
  });
  const existing = await prisma.apiKey.findMany({
    where: { teamId: team.id, name: { in: KEY_NAMES } },
  });
  const keyIds = existing.map((key) => key.id);
  for (const name of KEY_NAMES.slice(existing.length)) {
    keyIds.push((await createApiKey(prisma, { teamId: team.id, name })).record.id);
  }
  const prefix = `syn-${randomBytes(4).toString("hex")}-`;
  await prisma.$executeRawUnsafe("set synchronous_commit = off");
  const started = performance.now();
  for (let first = 1; first <= rows; first += chunk) {
    const last = Math.min(rows, first + chunk - 1);
    await prisma.$executeRawUnsafe(CHUNK_SQL, team.id, keyIds, prefix, first, last, days);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${last.toLocaleString("en")} / ${rows.toLocaleString("en")} rows, ${seconds.toFixed(0)} s, ${Math.round(last / seconds).toLocaleString("en")} rows/s`,
    );
  }
  // Each chunk's upsert leaves a dead version of every hour's rollup rows: compact them once.
  console.log("vacuuming and analysing");
  await prisma.$executeRawUnsafe("vacuum full analyze usage_rollup_hour");
  await prisma.$executeRawUnsafe("vacuum full analyze usage_rollup_day");
  await prisma.$executeRawUnsafe("vacuum analyze request_logs");
  console.log(`team "${team.slug}" (${team.id}): ${rows.toLocaleString("en")} rows loaded`);
} finally {
  await prisma.$disconnect();
}
