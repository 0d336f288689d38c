/**
 * Management API contract of a team's monthly statement: spend by key, model, tag and user,
 * savings against the baseline, and the budgets' use, for one calendar month of the team's clock.
 */
import { z } from "zod";
import { endpoint } from "@/lib/contract";
import { spendRowSchema } from "../spend/contract";
import { statementCsv } from "./statement-csv";

const figuresSchema = spendRowSchema.omit({ group: true, label: true });

export const statementBudgetSchema = z.object({
  id: z.string(),
  scope: z.enum(["team", "key"]),
  /** The key's name for a key budget; null for the team's. */
  keyName: z.string().nullable(),
  period: z.enum(["day", "week", "month", "lifetime"]),
  limitUsd: z.string(),
  action: z.string(),
  enabled: z.boolean(),
  /** What its scope spent in the statement's month. */
  spentUsd: z.string(),
  /** Spent as a percentage of the limit, for monthly budgets; null for other periods. */
  usedPercent: z.number().nullable(),
});

export const statementSchema = z.object({
  team: z.object({ id: z.string(), name: z.string(), timeZone: z.string() }),
  /** "YYYY-MM" on the team's clock. */
  month: z.string(),
  window: z.object({ from: z.string(), to: z.string() }),
  /** False while the month is still running (the figures will grow). */
  complete: z.boolean(),
  generatedAt: z.string(),
  /** Every request of the month once. */
  total: figuresSchema,
  /** Baseline cost minus cost: what routing saved. */
  savingsUsd: z.string(),
  byKey: z.array(spendRowSchema),
  byModel: z.array(spendRowSchema),
  /** A request counts once in each of its tags. */
  byTag: z.array(spendRowSchema),
  /** From `user:` tags (OpenAI's `user` field). */
  byUser: z.array(spendRowSchema),
  budgets: z.array(statementBudgetSchema),
});
export type Statement = z.infer<typeof statementSchema>;

export const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "A month is written YYYY-MM, e.g. 2026-11");

export const getStatement = endpoint({
  id: "statement.get",
  method: "GET",
  path: "/api/admin/teams/:teamId/statement",
  summary:
    "The team's statement for a calendar month of its time zone (`month` YYYY-MM; default the " +
    "last complete month): totals, spend by key, model, tag and user, savings against the " +
    "baseline and the budgets' use. The same numbers as spend.get over that month. " +
    "`format=csv` answers a CSV file.",
  access: { team: "viewer" },
  params: z.object({ teamId: z.string().min(1) }),
  query: z.object({
    month: monthSchema.optional(),
    format: z.enum(["json", "csv"]).default("json"),
  }),
  response: statementSchema,
  csv: (statement) => ({
    filename: `statement-${statement.month}.csv`,
    text: statementCsv(statement),
  }),
});
