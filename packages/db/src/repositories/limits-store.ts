import type { BudgetAlertRecord, BudgetRow, LimitsStore, RateLimitRow } from "@switchyard/core";
import type { PrismaClient } from "../generated/client";

const HOUR_MS = 3_600_000;

/** Pico-dollars → decimal USD string with 12 fractional digits (exact for integers). */
function picosToUsd(picos: number): string {
  const value = BigInt(Math.max(0, Math.round(picos)));
  const whole = value / 1_000_000_000_000n;
  const fraction = (value % 1_000_000_000_000n).toString().padStart(12, "0");
  return `${whole}.${fraction}`;
}

/**
 * Budgets (enabled ones, periods in the team's time zone), key rate limits, teams' fail modes,
 * spend per budget period (hourly rollups for whole hours, the request log for the rest) and
 * budget alerts (one row per budget, period and threshold).
 */
export class PrismaLimitsStore implements LimitsStore {
  constructor(private readonly prisma: PrismaClient) {}

  async loadLimits() {
    const [budgets, keys, teams] = await Promise.all([
      this.prisma.budget.findMany({
        where: { enabled: true },
        include: { team: { select: { timeZone: true } } },
      }),
      this.prisma.apiKey.findMany({
        where: { OR: [{ rpmLimit: { not: null } }, { tpmLimit: { not: null } }] },
        select: { id: true, rpmLimit: true, tpmLimit: true },
      }),
      this.prisma.team.findMany({ select: { id: true, failMode: true } }),
    ]);
    const budgetRows: BudgetRow[] = budgets.map((b) => ({
      id: b.id,
      scope: b.scope,
      teamId: b.teamId,
      ...(b.scope === "key" && b.apiKeyId !== null ? { apiKeyId: b.apiKeyId } : {}),
      period: b.period,
      timeZone: b.team.timeZone,
      limitUsd: b.limitUsd.toFixed(6),
      alertThresholds: b.alertThresholds,
      action: b.action,
    }));
    const rateLimits: RateLimitRow[] = keys.map((k) => ({
      scope: "key",
      id: k.id,
      ...(k.rpmLimit !== null ? { rpm: k.rpmLimit } : {}),
      ...(k.tpmLimit !== null ? { tpm: k.tpmLimit } : {}),
    }));
    const failModes: Record<string, "open" | "closed"> = {};
    for (const team of teams) failModes[team.id] = team.failMode;
    return { budgets: budgetRows, rateLimits, failModes };
  }

  async spendSincePeriodStart(periods: readonly { budgetId: string; periodStart: number }[]) {
    if (periods.length === 0) return [];
    const budgets = await this.prisma.budget.findMany({
      where: { id: { in: periods.map((p) => p.budgetId) } },
      select: { id: true, scope: true, teamId: true, apiKeyId: true },
    });
    const byId = new Map(budgets.map((b) => [b.id, b]));
    const currentHour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
    const out: { budgetId: string; periodStart: number; spentPicos: number }[] = [];
    for (const { budgetId, periodStart } of periods) {
      const budget = byId.get(budgetId);
      if (budget === undefined) continue;
      const keyId = budget.scope === "key" ? budget.apiKeyId : null;
      // Whole hours from the rollup; the partial first hour and the current hour from the log.
      const firstWholeHour = Math.ceil(periodStart / HOUR_MS) * HOUR_MS;
      const rows = await this.prisma.$queryRawUnsafe<{ picos: string | null }[]>(
        `select ((coalesce((select sum(cost_usd) from usage_rollup_hour
                  where team_id = $1 and ($2::text is null or api_key_id = $2)
                    and bucket >= $3 and bucket < $4), 0)
               + coalesce((select sum(cost_usd) from request_logs
                  where team_id = $1 and ($2::text is null or api_key_id = $2)
                    and created_at >= $5 and (created_at < $3 or created_at >= greatest($4, $3))), 0))
               * 1000000000000)::bigint::text as picos`,
        budget.teamId,
        keyId,
        new Date(firstWholeHour),
        new Date(currentHour),
        new Date(periodStart),
      );
      out.push({ budgetId, periodStart, spentPicos: Number(rows[0]?.picos ?? 0) });
    }
    return out;
  }

  async recordAlert(alert: BudgetAlertRecord): Promise<boolean> {
    const inserted = await this.prisma.$executeRawUnsafe(
      `insert into budget_alerts (id, budget_id, period_start, threshold, spent_usd)
       select $1, $2, $3, $4, $5::numeric where exists (select 1 from budgets where id = $2)
       on conflict (budget_id, period_start, threshold) do nothing`,
      `ba_${crypto.randomUUID().replaceAll("-", "")}`,
      alert.budgetId,
      new Date(alert.periodStart),
      alert.threshold,
      picosToUsd(alert.spentPicos),
    );
    return inserted === 1;
  }

  async webhookFor(budgetId: string) {
    const budget = await this.prisma.budget.findUnique({
      where: { id: budgetId },
      select: { webhookUrl: true, webhookSecret: true },
    });
    if (!budget?.webhookUrl || !budget.webhookSecret) return null;
    return { url: budget.webhookUrl, secret: budget.webhookSecret };
  }
}
