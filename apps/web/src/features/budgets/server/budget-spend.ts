/** Spend of a budget's scope in its current period, summed from the hourly rollups. */
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
 * Rollups are hourly (UTC hours), so the sum covers the hours that start at or after the period
 * start: exact for zones on whole-hour offsets.
 */
export async function spendSince(prisma: Prisma, scope: SpendScope, start: Date): Promise<string> {
  const result = await prisma.usageRollupHour.aggregate({
    _sum: { costUsd: true },
    where: {
      teamId: scope.teamId,
      ...(scope.apiKeyId ? { apiKeyId: scope.apiKeyId } : {}),
      bucket: { gte: start },
    },
  });
  return (result._sum.costUsd ?? 0).toString();
}
