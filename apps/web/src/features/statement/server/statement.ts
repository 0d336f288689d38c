/**
 * A team's monthly statement, built from the same queries as the Spend page (spendBreakdown over
 * the month's window), so the two always agree.
 */
import { Prisma as DbSql } from "@switchyard/db";
import { badRequest, notFound } from "@/server/admin/errors";
import type { HandlerContext } from "@/server/admin/route";
import { spendBreakdown } from "../../spend/server/spend";
import type { getStatement, Statement } from "../contract";
import { lastCompleteMonth, monthWindow } from "./month";

export async function statementHandler({
  prisma,
  params,
  query,
}: HandlerContext<typeof getStatement>): Promise<Statement> {
  const team = await prisma.team.findUnique({
    where: { id: params.teamId },
    select: { id: true, name: true, timeZone: true },
  });
  if (!team) throw notFound("No such team.");
  const now = new Date();
  const month = query.month ?? lastCompleteMonth(now.getTime(), team.timeZone);
  const window = monthWindow(month, team.timeZone);
  if (window.from > now) throw badRequest(`${month} has not started yet.`);
  const range = { teamId: team.id, ...window, timeZone: team.timeZone };
  const [byKey, byModel, byTag, byUser, budgets] = await Promise.all([
    spendBreakdown(prisma, range, "key"),
    spendBreakdown(prisma, range, "model"),
    spendBreakdown(prisma, range, "tag"),
    spendBreakdown(prisma, range, "user"),
    prisma.budget.findMany({
      where: { teamId: team.id },
      include: { apiKey: { select: { name: true } } },
      orderBy: [{ scope: "asc" }, { createdAt: "asc" }],
    }),
  ]);
  const total = byKey.total;
  const keySpend = new Map(byKey.rows.map((row) => [row.group, row.costUsd]));
  return {
    team,
    month,
    window: { from: window.from.toISOString(), to: window.to.toISOString() },
    complete: window.to <= now,
    generatedAt: now.toISOString(),
    total,
    savingsUsd: new DbSql.Decimal(total.baselineCostUsd).minus(total.costUsd).toFixed(),
    byKey: byKey.rows,
    byModel: byModel.rows,
    byTag: byTag.rows,
    byUser: byUser.rows,
    budgets: budgets.map((budget) => {
      const spent =
        budget.scope === "team" ? total.costUsd : (keySpend.get(budget.apiKeyId ?? "") ?? "0");
      const limit = new DbSql.Decimal(budget.limitUsd.toString());
      return {
        id: budget.id,
        scope: budget.scope,
        keyName: budget.scope === "key" ? (budget.apiKey?.name ?? "(deleted key)") : null,
        period: budget.period,
        limitUsd: limit.toFixed(),
        action: budget.action,
        enabled: budget.enabled,
        spentUsd: spent,
        usedPercent:
          budget.period === "month" && limit.greaterThan(0)
            ? Number(new DbSql.Decimal(spent).div(limit).times(100).toFixed(1))
            : null,
      };
    }),
  };
}
