/** Management API contracts for models: the table a team may route to, edits, and health. */
import { z } from "zod";
import { endpoint } from "@/lib/contract";
import { modelAliasSchema } from "@/lib/contract-schemas";

const teamParams = z.object({ teamId: z.string().min(1) });
/** As @switchyard/core CAPABILITIES (kept here: this file is bundled for the browser too). */
export const capabilitySchema = z.enum([
  "tools",
  "vision",
  "json",
  "json_schema",
  "streaming",
  "embeddings",
  "reasoning",
]);
/** Decimal USD per million tokens, as a string (money is never a float in storage). */
export const priceSchema = z
  .string()
  .trim()
  .regex(/^\d{1,6}(\.\d{1,6})?$/, "a price such as 0.15 (USD per million tokens)");

/** One token class's price: decimal USD per million, or null (the default rule applies). */
const classPrice = z.string().nullable();

/** A price set from a later date on (price history); null input/output = unpriced from then. */
export const scheduledPriceSchema = z.object({
  effectiveFrom: z.string(),
  inputPricePerMillion: classPrice,
  outputPricePerMillion: classPrice,
  cachedInputPricePerMillion: classPrice,
  cacheWrite5mPricePerMillion: classPrice,
  cacheWrite1hPricePerMillion: classPrice,
  reasoningPricePerMillion: classPrice,
});

export const modelSchema = z.object({
  id: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  upstreamName: z.string(),
  connectionId: z.string(),
  connectionName: z.string(),
  providerKind: z.string(),
  shared: z.boolean(),
  inputPricePerMillion: z.string(),
  outputPricePerMillion: z.string(),
  /**
   * Token-class prices; null: cache classes at the provider's documented multiplier of the input
   * price (Anthropic) or the input price, reasoning at the output price.
   */
  cachedInputPricePerMillion: classPrice,
  cacheWrite5mPricePerMillion: classPrice,
  cacheWrite1hPricePerMillion: classPrice,
  reasoningPricePerMillion: classPrice,
  /** No known price: requests are served with cost unknown, and refused under a budget. */
  unpriced: z.boolean(),
  /** Prices that take effect at a later date, soonest first. */
  scheduledPrices: z.array(scheduledPriceSchema),
  priceOverridden: z.boolean(),
  contextWindow: z.number().int(),
  maxOutputTokens: z.number().int().nullable(),
  capabilities: z.array(z.string()),
  enabled: z.boolean(),
});
export type ModelView = z.infer<typeof modelSchema>;

export const modelUpdateSchema = z.object({
  /** The provider's own id for the model (the name the upstream call carries). */
  upstreamName: z.string().trim().min(1).max(200).optional(),
  inputPricePerMillion: priceSchema.optional(),
  outputPricePerMillion: priceSchema.optional(),
  /** Token-class prices; null clears one (back to the default rule). */
  cachedInputPricePerMillion: priceSchema.nullable().optional(),
  cacheWrite5mPricePerMillion: priceSchema.nullable().optional(),
  cacheWrite1hPricePerMillion: priceSchema.nullable().optional(),
  reasoningPricePerMillion: priceSchema.nullable().optional(),
  /** The model has no known price (cost unknown); false with prices sets one. */
  unpriced: z.boolean().optional(),
  /**
   * When the price fields of this edit take effect (ISO 8601); absent or not after now: at once.
   * A later date schedules them (the current price holds until then); requests already logged
   * keep the cost they were charged.
   */
  effectiveFrom: z.iso.datetime({ offset: true }).optional(),
  contextWindow: z.number().int().positive().max(100_000_000).optional(),
  /** Longest answer the model gives, in tokens; null: no limit known. */
  maxOutputTokens: z.number().int().positive().max(100_000_000).nullable().optional(),
  capabilities: z.array(capabilitySchema).optional(),
  enabled: z.boolean().optional(),
  aliases: z.array(modelAliasSchema).max(20).optional(),
});

export const listModels = endpoint({
  id: "models.list",
  method: "GET",
  path: "/api/admin/teams/:teamId/models",
  summary: "Models the team may route to (its own connections' and the shared ones)",
  access: { team: "viewer" },
  params: teamParams,
  response: z.object({ models: z.array(modelSchema) }),
});

export const updateModel = endpoint({
  id: "models.update",
  method: "PATCH",
  path: "/api/admin/teams/:teamId/models/:modelId",
  summary: "Edit a model of a team connection (a price edit marks the price as overridden)",
  access: { team: "admin" },
  write: true,
  params: teamParams.extend({ modelId: z.string().min(1) }),
  body: modelUpdateSchema,
  response: z.object({ model: modelSchema }),
});

export const updateSharedModel = endpoint({
  id: "sharedModels.update",
  method: "PATCH",
  path: "/api/admin/models/:modelId",
  summary: "Edit a model of a shared connection",
  access: "instance-owner",
  write: true,
  params: z.object({ modelId: z.string().min(1) }),
  body: modelUpdateSchema,
  response: z.object({ model: modelSchema }),
});

export const modelHealthSchema = z.object({
  model: z.string(),
  requests: z.number().int(),
  errors: z.number().int(),
  errorRate: z.number(),
  p50LatencyMs: z.number().nullable(),
  p95LatencyMs: z.number().nullable(),
});
export type ModelHealth = z.infer<typeof modelHealthSchema>;

export const modelsHealth = endpoint({
  id: "models.health",
  method: "GET",
  path: "/api/admin/teams/:teamId/models/health",
  summary: "Per routed model over the last 24 hours: requests, error rate, p50/p95 latency",
  access: { team: "viewer" },
  params: teamParams,
  response: z.object({ since: z.string(), models: z.array(modelHealthSchema) }),
});
