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
