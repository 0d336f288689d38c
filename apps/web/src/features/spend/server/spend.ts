/**
 * Spend grouped by key or model from the rollups (a few rows per day whatever the traffic), by tag
 * or user from the request log's rows in the window (tags are not a rollup dimension).
 */
import { Prisma as DbSql, rollupRows } from "@switchyard/db";
import { notFound } from "@/server/admin/errors";
import type { HandlerContext } from "@/server/admin/route";
import type { Prisma } from "@/server/db";
import { resolveWindow } from "../../usage/server/time-window";
import type { getSpend, SpendGroup, SpendRow } from "../contract";

interface RawRow {
  grp: string | null;
  requests: bigint | number;
  errors: bigint | number;
  input_tokens: bigint | number | null;
  output_tokens: bigint | number | null;
  cost_usd: string | null;
  baseline_cost_usd: string | null;
}

const sums = DbSql.raw(`sum(requests)::bigint as requests, sum(errors)::bigint as errors,
  sum(input_tokens) as input_tokens, sum(output_tokens) as output_tokens,
  sum(cost_usd)::text as cost_usd, sum(baseline_cost_usd)::text as baseline_cost_usd`);

const logSums = DbSql.raw(`count(*)::bigint as requests,
  count(*) filter (where status = 'error')::bigint as errors,
  sum(input_tokens) as input_tokens, sum(output_tokens) as output_tokens,
  sum(cost_usd)::text as cost_usd, sum(baseline_cost_usd)::text as baseline_cost_usd`);

const figures = (row: RawRow): Omit<SpendRow, "group" | "label"> => ({
  requests: Number(row.requests),
  errors: Number(row.errors),
  inputTokens: Number(row.input_tokens ?? 0),
  outputTokens: Number(row.output_tokens ?? 0),
  costUsd: row.cost_usd ?? "0",
  baselineCostUsd: row.baseline_cost_usd ?? "0",
});

/** The window's spend grouped by `by`, dearest first, and its total (every request once). */
export async function spendBreakdown(
  prisma: Prisma,
  range: { teamId: string; from: Date; to: Date; timeZone: string },
  by: SpendGroup,
): Promise<{ rows: SpendRow[]; total: Omit<SpendRow, "group" | "label"> }> {
  const rollups = rollupRows(
    range,
    "api_key_id, model, requests, errors, input_tokens, output_tokens, cost_usd, baseline_cost_usd",
  );
  const [total] = await prisma.$queryRaw<RawRow[]>`select null as grp, ${sums} from ${rollups} r`;
  let raw: RawRow[];
  if (by === "key" || by === "model") {
    const column = DbSql.raw(by === "key" ? "api_key_id" : "model");
    raw = await prisma.$queryRaw<RawRow[]>`
      select ${column} as grp, ${sums} from ${rollups} r group by 1 order by sum(cost_usd) desc`;
  } else {
    const prefix = by === "user" ? "user:" : "";
    const pattern = by === "user" ? "user:%" : "%";
    raw = await prisma.$queryRaw<RawRow[]>`
      select substr(t, ${prefix.length + 1}) as grp, ${logSums}
        from request_logs, unnest(tags) as t
       where team_id = ${range.teamId} and created_at >= ${range.from} and created_at < ${range.to}
         and t like ${pattern}
       group by 1 order by sum(cost_usd) desc`;
  }
  const keyNames =
    by === "key"
      ? new Map(
          (
            await prisma.apiKey.findMany({
              where: { teamId: range.teamId },
              select: { id: true, name: true },
            })
          ).map((key) => [key.id, key.name]),
        )
      : new Map<string, string>();
  const rows: SpendRow[] = raw.map((row) => {
    const group = row.grp ?? "";
    const label =
      by === "key"
        ? group === ""
          ? "(no key)"
          : (keyNames.get(group) ?? "(deleted key)")
        : group === ""
          ? "(none)"
          : group;
    return { group, label, ...figures(row) };
  });
  return { rows, total: figures(total ?? EMPTY) };
}

const EMPTY: RawRow = {
  grp: null,
  requests: 0,
  errors: 0,
  input_tokens: 0,
  output_tokens: 0,
  cost_usd: "0",
  baseline_cost_usd: "0",
};

export async function spendHandler({ prisma, params, query }: HandlerContext<typeof getSpend>) {
  const team = await prisma.team.findUnique({
    where: { id: params.teamId },
    select: { timeZone: true },
  });
  if (!team) throw notFound("No such team.");
  const window = resolveWindow(query, new Date());
  const range = {
    teamId: params.teamId,
    from: window.from,
    to: window.to,
    timeZone: team.timeZone,
  };
  const { rows, total } = await spendBreakdown(prisma, range, query.by);
  return {
    window: { from: window.from.toISOString(), to: window.to.toISOString() },
    by: query.by,
    rows,
    total,
  };
}
