import {
  type BudgetAlertRecord,
  type BudgetRow,
  type LimitsStore,
  picosToUsdString,
  type RateLimitRow,
} from "@switchyard/core";
import { decryptSecret, isEncryptedSecret } from "../crypto";
import type { PrismaClient } from "../generated/client";
import { calibrationBudgetRows } from "./calibration-budgets";

const HOUR_MS = 3_600_000;

/**
 * Budgets (enabled ones, periods in the team's time zone, with the team's and key's names for
 * refusal messages; plus each published policy's calibration budget, `learning.budgetUsd`, as a
 * monthly budget on the key `calibration:<policyId>`), key rate limits (with the key's name), teams' fail modes,
 * spend per budget period (hourly rollups for whole hours, the request log for the rest) and
 * budget alerts (one row per budget, period and threshold).
 */
export interface LimitsStoreOptions {
  /** Key that encrypted the budgets' webhook secrets (64 hex characters or base64). */
  encryptionKey: string;
  /** Told about a webhook secret that cannot be decrypted (that budget's webhook is skipped). */
  onWarning?: (message: string) => void;
}

export class PrismaLimitsStore implements LimitsStore {
  /** The calibration budgets of the last load: id → the team and synthetic key they cover. */
  private readonly calibration = new Map<string, { teamId: string; keyId: string }>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: LimitsStoreOptions,
  ) {}

  async loadLimits() {
    const [budgets, keys, teams, policies] = await Promise.all([
      this.prisma.budget.findMany({
        where: { enabled: true },
        include: {
          team: { select: { timeZone: true, name: true } },
          apiKey: { select: { name: true } },
        },
      }),
      this.prisma.apiKey.findMany({
        where: { OR: [{ rpmLimit: { not: null } }, { tpmLimit: { not: null } }] },
        select: { id: true, name: true, rpmLimit: true, tpmLimit: true },
      }),
      this.prisma.team.findMany({ select: { id: true, failMode: true } }),
      this.prisma.routingPolicy.findMany({
        where: { publishedVersionId: { not: null } },
        select: {
          id: true,
          teamId: true,
          name: true,
          team: { select: { name: true, timeZone: true } },
          publishedVersion: { select: { body: true } },
        },
      }),
    ]);
    const budgetRows: BudgetRow[] = budgets.map((b) => ({
      id: b.id,
      scope: b.scope,
      teamId: b.teamId,
      teamName: b.team.name,
      ...(b.scope === "key" && b.apiKeyId !== null ? { apiKeyId: b.apiKeyId } : {}),
      ...(b.scope === "key" && b.apiKey !== null ? { apiKeyName: b.apiKey.name } : {}),
      period: b.period,
      timeZone: b.team.timeZone,
      limitUsd: b.limitUsd.toFixed(6),
      alertThresholds: b.alertThresholds,
      action: b.action,
    }));
    const calibration = calibrationBudgetRows(policies);
    this.calibration.clear();
    for (const row of calibration)
      this.calibration.set(row.id, { teamId: row.teamId, keyId: row.apiKeyId as string });
    budgetRows.push(...calibration);
    const rateLimits: RateLimitRow[] = keys.map((k) => ({
      scope: "key",
      id: k.id,
      name: k.name,
      ...(k.rpmLimit !== null ? { rpm: k.rpmLimit } : {}),
      ...(k.tpmLimit !== null ? { tpm: k.tpmLimit } : {}),
    }));
    const failModes: Record<string, "open" | "closed"> = {};
    for (const team of teams) failModes[team.id] = team.failMode;
    return { budgets: budgetRows, rateLimits, failModes };
  }

  /**
   * One query for every budget: whole hours from the rollup, the rest from the request log. A
   * calibration budget's spend is its synthetic key's rows.
   */
  async spendSincePeriodStart(periods: readonly { budgetId: string; periodStart: number }[]) {
    if (periods.length === 0) return [];
    const currentHour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
    const rows = await this.prisma.$queryRawUnsafe<{ i: number; picos: string }[]>(
      `with p as (
         select p.i, coalesce(b.team_id, p.team_id) as team_id,
                case when b.id is null then p.key_id when b.scope = 'key' then b.api_key_id end
                  as key_id,
                p.start, to_timestamp(ceil(extract(epoch from p.start) / 3600) * 3600) as whole
           from unnest($1::text[], $2::timestamptz[], $4::text[], $5::text[])
                with ordinality as p(budget_id, start, team_id, key_id, i)
           left join budgets b on b.id = p.budget_id
          where b.id is not null or p.team_id is not null)
       select p.i::int as i,
              ((coalesce((select sum(r.cost_usd) from usage_rollup_hour r
                  where r.team_id = p.team_id and (p.key_id is null or r.api_key_id = p.key_id)
                    and r.bucket >= p.whole and r.bucket < $3), 0)
              + coalesce((select sum(l.cost_usd) from request_logs l
                  where l.team_id = p.team_id and (p.key_id is null or l.api_key_id = p.key_id)
                    and l.created_at >= p.start
                    and (l.created_at < p.whole or l.created_at >= greatest($3, p.whole))), 0))
              * 1000000000000)::bigint::text as picos
         from p order by p.i`,
      periods.map((p) => p.budgetId),
      periods.map((p) => new Date(p.periodStart)),
      new Date(currentHour),
      // A policy's calibration budget is no budgets row: its team and key come from the load.
      periods.map((p) => this.calibration.get(p.budgetId)?.teamId ?? null),
      periods.map((p) => this.calibration.get(p.budgetId)?.keyId ?? null),
    );
    return rows.map((row) => {
      const period = periods[row.i - 1] as { budgetId: string; periodStart: number };
      return { ...period, spentPicos: Number(row.picos) };
    });
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
      picosToUsdString(alert.spentPicos),
    );
    return inserted === 1;
  }

  /** The budget's webhook with its secret decrypted (stored encrypted, crypto.ts). */
  async webhookFor(budgetId: string) {
    const budget = await this.prisma.budget.findUnique({
      where: { id: budgetId },
      select: { webhookUrl: true, encryptedWebhookSecret: true },
    });
    const stored = budget?.encryptedWebhookSecret;
    if (!budget?.webhookUrl || !stored) return null;
    // Plain text from before encryption (migrate() with the key encrypts it): still usable.
    if (!isEncryptedSecret(stored)) return { url: budget.webhookUrl, secret: stored };
    try {
      return { url: budget.webhookUrl, secret: decryptSecret(stored, this.options.encryptionKey) };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.options.onWarning?.(
        `webhook of budget ${budgetId} skipped: its secret cannot be decrypted (${reason})`,
      );
      return null;
    }
  }
}
