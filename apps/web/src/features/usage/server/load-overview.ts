/**
 * The overview for one team and filter: three rollup queries run side by side, plus the team's
 * keys and budgets. No app imports (the dashboard benchmark calls this directly).
 */
import type { PrismaClient } from "@switchyard/db";
import { notFound } from "../../../server/admin/errors";
import type { OverviewQuery, OverviewResponse } from "../contract";
import {
  queryLifetimeSpend,
  queryReasons,
  querySeries,
  querySpend,
  type RollupFilter,
} from "./overview-queries";
import { summarizeReasons, summarizeSeries } from "./overview-summary";
import { resolveWindow } from "./time-window";

type Db = Pick<PrismaClient, "$queryRaw" | "team" | "apiKey" | "budget">;

export async function loadOverview(
  db: Db,
  teamId: string,
  query: OverviewQuery,
  now: Date = new Date(),
): Promise<OverviewResponse> {
  const team = await db.team.findUnique({ where: { id: teamId }, select: { timeZone: true } });
  if (!team) throw notFound("Team not found.");
  const window = resolveWindow(query, now);
  const filter: RollupFilter = {
    teamId,
    from: window.from,
    to: window.to,
    timeZone: team.timeZone,
    keyId: query.keyId,
    model: query.model,
  };
  const [seriesRows, reasonRows, spend, keys, budgets] = await Promise.all([
    querySeries(db, filter, window.granularity),
    queryReasons(db, filter),
    querySpend(db, teamId, now, team.timeZone),
    db.apiKey.findMany({
      where: { teamId },
      select: { id: true, name: true, prefix: true },
      orderBy: { name: "asc" },
    }),
    db.budget.findMany({
      where: { teamId, scope: "team", enabled: true },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  const lifetime = budgets.some((budget) => budget.period === "lifetime")
    ? await queryLifetimeSpend(db, teamId, now, team.timeZone)
    : "0";
  const spentIn = { day: spend.dayUsd, week: spend.weekUsd, month: spend.monthUsd, lifetime };
  const { reasons, models } = summarizeReasons(reasonRows, query.model);
  return {
    window: {
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      granularity: window.granularity,
      timeZone: team.timeZone,
    },
    ...summarizeSeries(seriesRows),
    reasons,
    budget: {
      spentTodayUsd: spend.dayUsd,
      spentMonthUsd: spend.monthUsd,
      budgets: budgets.map((budget) => ({
        id: budget.id,
        period: budget.period,
        limitUsd: budget.limitUsd.toFixed(),
        spentUsd: spentIn[budget.period],
        action: budget.action,
      })),
    },
    filters: { keys, models },
  };
}
