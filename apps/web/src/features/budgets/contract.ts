/**
 * Management API contracts for budgets: per team or per API key, with spend in the current period
 * (from the hourly rollups), alert thresholds and the alert history. A webhook secret is shown
 * once, in the response that sets it.
 */
import { z } from "zod";
import { endpoint } from "@/lib/contract";
import { httpUrlSchema } from "@/lib/contract-schemas";

const teamParams = z.object({ teamId: z.string().min(1) });
const budgetParams = teamParams.extend({ budgetId: z.string().min(1) });

export const usdSchema = z
  .string()
  .trim()
  .regex(/^\d{1,12}(\.\d{1,6})?$/, "an amount in USD such as 25 or 0.50")
  .refine((value) => Number(value) > 0, "must be more than 0");

const thresholdsSchema = z
  .array(z.number().int().min(1).max(1000))
  .max(10)
  .transform((values) => [...new Set(values)].sort((a, b) => a - b));

const webhookUrlSchema = httpUrlSchema("https://hooks.example.com/budget");

export const budgetSchema = z.object({
  id: z.string(),
  scope: z.enum(["team", "key"]),
  apiKeyId: z.string().nullable(),
  apiKeyName: z.string().nullable(),
  period: z.enum(["day", "week", "month", "lifetime"]),
  timeZone: z.string(),
  limitUsd: z.string(),
  alertThresholds: z.array(z.number().int()),
  action: z.enum(["block", "downgrade"]),
  webhookUrl: z.string().nullable(),
  webhookSecretSet: z.boolean(),
  enabled: z.boolean(),
  periodStart: z.string(),
  periodEnd: z.string().nullable(),
  spentUsd: z.string(),
  createdAt: z.string(),
});
export type BudgetView = z.infer<typeof budgetSchema>;

export const budgetAlertSchema = z.object({
  id: z.string(),
  periodStart: z.string(),
  threshold: z.number().int(),
  spentUsd: z.string(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});

const budgetWithSecret = z.object({
  budget: budgetSchema,
  /** The webhook signing secret, only in the response that created it. */
  webhookSecret: z.string().nullable(),
});

export const listBudgets = endpoint({
  id: "budgets.list",
  method: "GET",
  path: "/api/admin/teams/:teamId/budgets",
  summary: "The team's budgets (team-wide and per key) with spend in the current period",
  access: { team: "viewer" },
  params: teamParams,
  response: z.object({ budgets: z.array(budgetSchema) }),
});

export const createBudget = endpoint({
  id: "budgets.create",
  method: "POST",
  path: "/api/admin/teams/:teamId/budgets",
  summary: "Create a budget for the team or one of its keys",
  access: { team: "admin" },
  write: true,
  created: true,
  params: teamParams,
  body: z.object({
    apiKeyId: z.string().min(1).nullable().default(null),
    period: z.enum(["day", "week", "month", "lifetime"]),
    limitUsd: usdSchema,
    alertThresholds: thresholdsSchema.default([50, 80, 100]),
    action: z.enum(["block", "downgrade"]).default("block"),
    webhookUrl: webhookUrlSchema.nullable().default(null),
    enabled: z.boolean().default(true),
  }),
  response: budgetWithSecret,
});

export const updateBudget = endpoint({
  id: "budgets.update",
  method: "PATCH",
  path: "/api/admin/teams/:teamId/budgets/:budgetId",
  summary: "Change a budget (a new webhook secret is made with rotateWebhookSecret)",
  access: { team: "admin" },
  write: true,
  params: budgetParams,
  body: z.object({
    period: z.enum(["day", "week", "month", "lifetime"]).optional(),
    limitUsd: usdSchema.optional(),
    alertThresholds: thresholdsSchema.optional(),
    action: z.enum(["block", "downgrade"]).optional(),
    webhookUrl: webhookUrlSchema.nullable().optional(),
    rotateWebhookSecret: z.boolean().optional(),
    enabled: z.boolean().optional(),
  }),
  response: budgetWithSecret,
});

export const deleteBudget = endpoint({
  id: "budgets.delete",
  method: "DELETE",
  path: "/api/admin/teams/:teamId/budgets/:budgetId",
  summary: "Delete a budget and its alert history",
  access: { team: "admin" },
  write: true,
  params: budgetParams,
  response: z.object({ deleted: z.literal(true) }),
});

export const listBudgetAlerts = endpoint({
  id: "budgets.alerts",
  method: "GET",
  path: "/api/admin/teams/:teamId/budgets/:budgetId/alerts",
  summary: "Alerts a budget has sent, newest first",
  access: { team: "viewer" },
  params: budgetParams,
  response: z.object({ alerts: z.array(budgetAlertSchema) }),
});
