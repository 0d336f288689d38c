import type { DbModels } from "@switchyard/db";
import type { BudgetView } from "../contract";

export type BudgetRow = DbModels.BudgetModel & { apiKey: { name: string } | null };
export const budgetInclude = { apiKey: { select: { name: true } } } as const;

export function budgetView(
  row: BudgetRow,
  timeZone: string,
  window: { start: Date; end: Date | null },
  spentUsd: string,
): BudgetView {
  return {
    id: row.id,
    scope: row.scope,
    apiKeyId: row.apiKeyId,
    apiKeyName: row.apiKey?.name ?? null,
    period: row.period,
    timeZone,
    limitUsd: row.limitUsd.toString(),
    alertThresholds: row.alertThresholds,
    action: row.action,
    webhookUrl: row.webhookUrl,
    webhookSecretSet: row.encryptedWebhookSecret !== null,
    enabled: row.enabled,
    periodStart: window.start.toISOString(),
    periodEnd: window.end?.toISOString() ?? null,
    spentUsd,
    createdAt: row.createdAt.toISOString(),
  };
}

/** What the audit log records (never the webhook secret). */
export const auditable = (view: BudgetView) => ({
  scope: view.scope,
  apiKeyId: view.apiKeyId,
  period: view.period,
  limitUsd: view.limitUsd,
  alertThresholds: view.alertThresholds,
  action: view.action,
  webhookUrl: view.webhookUrl,
  enabled: view.enabled,
});
