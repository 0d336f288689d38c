/** Spend of a budget's scope in its current period, summed from the rollups. */
import { Prisma as DbSql, rangeThroughNow, rollupRows } from "@switchyard/db";
import { periodWindow } from "@switchyard/limits";
import type { Prisma } from "@/server/db";

export interface SpendScope {
  teamId: string;
  apiKeyId: string | null;
  period: "day" | "week" | "month" | "lifetime";
}

export function currentWindow(period: SpendScope["period"], timeZone: string, now = new Date()) {
  const window = periodWindow(period, timeZone, now);
  return {
    start: new Date(window.start),
    end: window.end === null ? null : new Date(window.end),
  };
}

/**
 * Spend of the scope since `start` (a period start: a local midnight of the team's zone), from
 * the daily rollups for whole days and the hourly ones for today.
 */
export async function spendSince(
  prisma: Prisma,
  scope: SpendScope,
  start: Date,
  timeZone: string,
  now = new Date(),
): Promise<string> {
  const range = rangeThroughNow(scope.teamId, start, timeZone, now);
  const where = scope.apiKeyId ? DbSql.sql`api_key_id = ${scope.apiKeyId}` : undefined;
  const [row] = await prisma.$queryRaw<{ total: { toFixed(): string } | null }[]>`
    select sum(cost_usd) as total from ${rollupRows(range, "cost_usd", where)} as r`;
  return row?.total ? row.total.toFixed() : "0";
}
