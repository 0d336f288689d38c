import { DECIMAL_USD_PATTERN, usdToPicos } from "@switchyard/core";
import { z } from "zod";
import { isValidTimeZone } from "./period-window";

/**
 * Budget and rate-limit specifications as the gateway receives them (from the database or the admin
 * API), validated with zod and normalised to integer pico-dollars.
 */
export type BudgetPeriod = "day" | "week" | "month" | "lifetime";
export type BudgetScope = "team" | "key";
export type BudgetAction = "block" | "downgrade";
export type FailMode = "open" | "closed";

export const budgetSpecSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().optional(),
    scope: z.enum(["team", "key"]),
    teamId: z.string().min(1),
    /** The team's display name, for messages callers see (never its id). */
    teamName: z.string().min(1).optional(),
    apiKeyId: z.string().min(1).optional(),
    /** The key's display name, for a key budget's messages. */
    apiKeyName: z.string().min(1).optional(),
    period: z.enum(["day", "week", "month", "lifetime"]),
    timeZone: z.string().default("UTC").refine(isValidTimeZone, "unknown time zone"),
    /** Decimal USD string ("25.50"). */
    limitUsd: z.string().regex(DECIMAL_USD_PATTERN, "decimal USD string").optional(),
    /** Or the limit in integer pico-dollars. */
    limitPicos: z.number().int().nonnegative().optional(),
    alertThresholds: z.array(z.number().positive().max(1000)).default([]),
    action: z.enum(["block", "downgrade"]).default("block"),
  })
  .refine((b) => b.limitUsd !== undefined || b.limitPicos !== undefined, "limitUsd or limitPicos")
  .refine((b) => b.scope === "team" || b.apiKeyId !== undefined, "a key budget needs apiKeyId");

export type BudgetSpecInput = z.input<typeof budgetSpecSchema>;

/** A validated budget; `limitPicos` is authoritative. */
export interface Budget {
  id: string;
  name: string | undefined;
  scope: BudgetScope;
  teamId: string;
  teamName: string | undefined;
  apiKeyId: string | undefined;
  apiKeyName: string | undefined;
  period: BudgetPeriod;
  timeZone: string;
  limitPicos: number;
  /** Percentages of the limit, ascending, e.g. [50, 80, 100]. */
  alertThresholds: number[];
  action: BudgetAction;
}

export function parseBudget(input: unknown): Budget {
  const spec = budgetSpecSchema.parse(input);
  return {
    id: spec.id,
    name: spec.name,
    scope: spec.scope,
    teamId: spec.teamId,
    teamName: spec.teamName,
    apiKeyId: spec.scope === "key" ? spec.apiKeyId : undefined,
    apiKeyName: spec.scope === "key" ? spec.apiKeyName : undefined,
    period: spec.period,
    timeZone: spec.timeZone,
    limitPicos: spec.limitPicos ?? usdToPicos(spec.limitUsd ?? "0"),
    alertThresholds: [...new Set(spec.alertThresholds)].sort((a, b) => a - b),
    action: spec.action,
  };
}

export const rateLimitSpecSchema = z
  .object({
    scope: z.enum(["team", "key"]),
    /** The team id or the API key id. */
    id: z.string().min(1),
    /** The team's or key's display name, for messages callers see (never its id). */
    name: z.string().min(1).optional(),
    rpm: z.number().int().positive().optional(),
    tpm: z.number().int().positive().optional(),
  })
  .refine((r) => r.rpm !== undefined || r.tpm !== undefined, "rpm or tpm");

export type RateLimitSpec = z.infer<typeof rateLimitSpecSchema>;

export const parseRateLimit = (input: unknown): RateLimitSpec => rateLimitSpecSchema.parse(input);
