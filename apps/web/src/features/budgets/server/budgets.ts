/**
 * Route handlers for budgets: list with spend, create, update, delete, alert history. A webhook
 * secret is shown once, when made, and stored encrypted (server/secrets.ts).
 */
import { randomBytes } from "node:crypto";
import { badRequest, notFound } from "@/server/admin/errors";
import type { HandlerContext } from "@/server/admin/route";
import type { Prisma } from "@/server/db";
import { assertAllowedDestination } from "@/server/outbound-address";
import { encryptAtRest } from "@/server/secrets";
import type {
  BudgetView,
  createBudget,
  deleteBudget,
  listBudgetAlerts,
  listBudgets,
  updateBudget,
} from "../contract";
import { currentWindow, spendSince } from "./budget-spend";
import { auditable, type BudgetRow, budgetInclude, budgetView } from "./budget-view";

const newWebhookSecret = () => `whsec_${randomBytes(24).toString("base64url")}`;

async function teamTimeZone(prisma: Prisma, teamId: string) {
  const team = await prisma.team.findUnique({ where: { id: teamId }, select: { timeZone: true } });
  if (!team) throw notFound("No such team.");
  return team.timeZone;
}

async function withSpend(prisma: Prisma, row: BudgetRow, timeZone: string) {
  const window = currentWindow(row.period, timeZone);
  const spent = await spendSince(prisma, row, window.start, timeZone);
  return budgetView(row, timeZone, window, spent);
}

async function findBudget(prisma: Prisma, teamId: string, budgetId: string) {
  const row = await prisma.budget.findFirst({
    where: { id: budgetId, teamId },
    include: budgetInclude,
  });
  if (!row) throw notFound("No such budget in this team.");
  return row;
}

/**
 * Writes a budget row in a transaction, audits it (with its spend before and after the change)
 * and tells the gateways to reload the team's budgets; the view of the written budget.
 */
async function writeBudget(
  { params, prisma, audit, publish }: HandlerContext<typeof createBudget | typeof updateBudget>,
  change: {
    action: "budget.create" | "budget.update";
    timeZone: string;
    before?: BudgetView;
    write: (tx: Prisma) => Promise<BudgetRow>;
  },
) {
  const view = await prisma.$transaction(async (tx) => {
    const row = await change.write(tx as unknown as Prisma);
    const after = await withSpend(tx as unknown as Prisma, row, change.timeZone);
    await audit(
      {
        action: change.action,
        targetType: "budget",
        targetId: row.id,
        ...(change.before ? { before: auditable(change.before) } : {}),
        after: auditable(after),
      },
      tx,
    );
    return after;
  });
  await publish({ topic: "budgets", id: params.teamId });
  return view;
}

export async function listBudgetsHandler({ params, prisma }: HandlerContext<typeof listBudgets>) {
  const timeZone = await teamTimeZone(prisma, params.teamId);
  const rows = await prisma.budget.findMany({
    where: { teamId: params.teamId },
    include: budgetInclude,
    orderBy: [{ scope: "desc" }, { createdAt: "asc" }],
  });
  return { budgets: await Promise.all(rows.map((row) => withSpend(prisma, row, timeZone))) };
}

export async function createBudgetHandler(context: HandlerContext<typeof createBudget>) {
  const { params, body, prisma } = context;
  const timeZone = await teamTimeZone(prisma, params.teamId);
  if (body.apiKeyId) {
    const key = await prisma.apiKey.findFirst({
      where: { id: body.apiKeyId, teamId: params.teamId },
    });
    if (!key) {
      throw badRequest("body.apiKeyId: no such key in this team", [
        { path: "body.apiKeyId", message: "no such key in this team" },
      ]);
    }
  }
  if (body.webhookUrl) await assertAllowedDestination(body.webhookUrl, "body.webhookUrl");
  const webhookSecret = body.webhookUrl ? newWebhookSecret() : null;
  const view = await writeBudget(context, {
    action: "budget.create",
    timeZone,
    write: (tx) =>
      tx.budget.create({
        data: {
          teamId: params.teamId,
          scope: body.apiKeyId ? "key" : "team",
          apiKeyId: body.apiKeyId,
          period: body.period,
          limitUsd: body.limitUsd,
          alertThresholds: body.alertThresholds,
          action: body.action,
          webhookUrl: body.webhookUrl,
          encryptedWebhookSecret: webhookSecret === null ? null : encryptAtRest(webhookSecret),
          enabled: body.enabled,
        },
        include: budgetInclude,
      }),
  });
  return { budget: view, webhookSecret };
}

export async function updateBudgetHandler(context: HandlerContext<typeof updateBudget>) {
  const { params, body, prisma } = context;
  const timeZone = await teamTimeZone(prisma, params.teamId);
  const existing = await findBudget(prisma, params.teamId, params.budgetId);
  const before = await withSpend(prisma, existing, timeZone);
  if (body.webhookUrl) await assertAllowedDestination(body.webhookUrl, "body.webhookUrl");
  const nextUrl = body.webhookUrl === undefined ? existing.webhookUrl : body.webhookUrl;
  let webhookSecret: string | null = null;
  if (nextUrl && (body.rotateWebhookSecret || existing.encryptedWebhookSecret === null)) {
    webhookSecret = newWebhookSecret();
  }
  const view = await writeBudget(context, {
    action: "budget.update",
    timeZone,
    before,
    write: (tx) =>
      tx.budget.update({
        where: { id: existing.id },
        data: {
          period: body.period,
          limitUsd: body.limitUsd,
          alertThresholds: body.alertThresholds,
          action: body.action,
          webhookUrl: body.webhookUrl,
          enabled: body.enabled,
          ...(nextUrl === null ? { encryptedWebhookSecret: null } : {}),
          ...(webhookSecret ? { encryptedWebhookSecret: encryptAtRest(webhookSecret) } : {}),
        },
        include: budgetInclude,
      }),
  });
  return { budget: view, webhookSecret };
}

export async function deleteBudgetHandler({
  params,
  prisma,
  audit,
  publish,
}: HandlerContext<typeof deleteBudget>) {
  const timeZone = await teamTimeZone(prisma, params.teamId);
  const existing = await findBudget(prisma, params.teamId, params.budgetId);
  const before = await withSpend(prisma, existing, timeZone);
  await prisma.$transaction(async (tx) => {
    await tx.budget.delete({ where: { id: existing.id } });
    await audit(
      {
        action: "budget.delete",
        targetType: "budget",
        targetId: existing.id,
        before: auditable(before),
      },
      tx,
    );
  });
  await publish({ topic: "budgets", id: params.teamId });
  return { deleted: true as const };
}

export async function listBudgetAlertsHandler({
  params,
  prisma,
}: HandlerContext<typeof listBudgetAlerts>) {
  const budget = await findBudget(prisma, params.teamId, params.budgetId);
  const alerts = await prisma.budgetAlert.findMany({
    where: { budgetId: budget.id },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  return {
    alerts: alerts.map((alert) => ({
      id: alert.id,
      periodStart: alert.periodStart.toISOString(),
      threshold: alert.threshold,
      spentUsd: alert.spentUsd.toString(),
      createdAt: alert.createdAt.toISOString(),
      deliveredAt: alert.deliveredAt?.toISOString() ?? null,
    })),
  };
}
