/**
 * Management API contracts for adding models: by hand on any provider (self-hosted and Azure
 * included), from the provider's own model list, removing them, and Test connection (one real
 * call). Team models under /teams/:teamId, shared ones (instance owner) at the top level.
 */
import { z } from "zod";
import { endpoint } from "@/lib/contract";
import { modelAliasSchema } from "@/lib/contract-schemas";
import { capabilitySchema, modelSchema, priceSchema } from "./contract";

const teamParams = z.object({ teamId: z.string().min(1) });
const teamModelParams = teamParams.extend({ modelId: z.string().min(1) });
const sharedModelParams = z.object({ modelId: z.string().min(1) });
const teamConnectionParams = teamParams.extend({ connectionId: z.string().min(1) });
const sharedConnectionParams = z.object({ connectionId: z.string().min(1) });

export const modelCreateSchema = z.object({
  connectionId: z.string().min(1),
  /** The name callers use (unique among the team's models, or the shared ones). */
  name: modelAliasSchema,
  /** The provider's own id; defaults to `name`. */
  upstreamName: z.string().trim().min(1).max(200).optional(),
  aliases: z.array(modelAliasSchema).max(20).default([]),
  inputPricePerMillion: priceSchema,
  outputPricePerMillion: priceSchema,
  /** Token-class prices; absent: the default rule (provider multiplier, else input/output price). */
  cachedInputPricePerMillion: priceSchema.nullable().default(null),
  cacheWrite5mPricePerMillion: priceSchema.nullable().default(null),
  cacheWrite1hPricePerMillion: priceSchema.nullable().default(null),
  reasoningPricePerMillion: priceSchema.nullable().default(null),
  /** No known price: served with cost unknown, refused under a budget (prices then ignored). */
  unpriced: z.boolean().default(false),
  contextWindow: z.number().int().positive().max(100_000_000),
  maxOutputTokens: z.number().int().positive().max(100_000_000).nullable().default(null),
  capabilities: z.array(capabilitySchema).default(["streaming"]),
  enabled: z.boolean().default(true),
});

const modelResponse = z.object({ model: modelSchema });

export const createModel = endpoint({
  id: "models.create",
  method: "POST",
  path: "/api/admin/teams/:teamId/models",
  summary: "Add a model to one of the team's connections (any provider, prices set by hand)",
  access: { team: "admin" },
  write: true,
  created: true,
  params: teamParams,
  body: modelCreateSchema,
  response: modelResponse,
});

export const createSharedModel = endpoint({
  id: "sharedModels.create",
  method: "POST",
  path: "/api/admin/models",
  summary: "Add a model to a shared connection",
  access: "instance-owner",
  write: true,
  created: true,
  body: modelCreateSchema,
  response: modelResponse,
});

const deleted = z.object({ deleted: z.literal(true) });

export const deleteModel = endpoint({
  id: "models.delete",
  method: "DELETE",
  path: "/api/admin/teams/:teamId/models/:modelId",
  summary: "Remove a model of a team connection (its logged requests keep their rows)",
  access: { team: "admin" },
  write: true,
  params: teamModelParams,
  response: deleted,
});

export const deleteSharedModel = endpoint({
  id: "sharedModels.delete",
  method: "DELETE",
  path: "/api/admin/models/:modelId",
  summary: "Remove a model of a shared connection",
  access: "instance-owner",
  write: true,
  params: sharedModelParams,
  response: deleted,
});

/** A test's outcome: a failure is an answer (ok: false, in plain words), not an API error. */
export const connectionTestSchema = z.object({
  ok: z.boolean(),
  /** Milliseconds from sending to the whole answer; null when no answer came. */
  latencyMs: z.number().nullable(),
  /** The provider's HTTP status; null when no answer came. */
  status: z.number().int().nullable(),
  /** What happened, and on failure what to check. */
  message: z.string(),
  /** The provider's own words on failure (credential removed), when it answered. */
  detail: z.string().nullable(),
  /** The start of the model's reply on success. */
  reply: z.string().nullable(),
});
export type ConnectionTestView = z.infer<typeof connectionTestSchema>;

export const testModel = endpoint({
  id: "models.test",
  method: "POST",
  path: "/api/admin/teams/:teamId/models/:modelId/test",
  summary: "Test connection: one real, small chat call to the model (paid); latency or the error",
  access: { team: "admin" },
  write: true,
  params: teamModelParams,
  response: connectionTestSchema,
});

export const testSharedModel = endpoint({
  id: "sharedModels.test",
  method: "POST",
  path: "/api/admin/models/:modelId/test",
  summary: "Test connection of a shared model: one real, small chat call",
  access: "instance-owner",
  write: true,
  params: sharedModelParams,
  response: connectionTestSchema,
});

const upstreamListResponse = z.object({
  ok: z.boolean(),
  /** Why the list could not be read (plain words), or how many models it names. */
  message: z.string(),
  detail: z.string().nullable(),
  models: z.array(
    z.object({
      id: z.string(),
      contextWindow: z.number().int().nullable(),
      /** A model of this scope already has this upstream id on the connection. */
      added: z.boolean(),
      /** Prices known: the catalog has it, or the provider is self-hosted (priced at 0). */
      priced: z.boolean(),
    }),
  ),
});

export const listUpstreamModels = endpoint({
  id: "providers.upstreamModels",
  method: "GET",
  path: "/api/admin/teams/:teamId/providers/:connectionId/upstream-models",
  summary: "The models the connection's provider lists (its own GET …/models), one real call",
  access: { team: "admin" },
  params: teamConnectionParams,
  response: upstreamListResponse,
});

export const listSharedUpstreamModels = endpoint({
  id: "sharedProviders.upstreamModels",
  method: "GET",
  path: "/api/admin/providers/:connectionId/upstream-models",
  summary: "The models a shared connection's provider lists",
  access: "instance-owner",
  params: sharedConnectionParams,
  response: upstreamListResponse,
});

const importBody = z.object({ ids: z.array(z.string().trim().min(1).max(200)).min(1).max(500) });
const importResult = z.object({
  created: z.array(z.string()),
  skipped: z.array(z.object({ id: z.string(), reason: z.string() })),
});

export const importUpstreamModels = endpoint({
  id: "providers.importUpstream",
  method: "POST",
  path: "/api/admin/teams/:teamId/providers/:connectionId/upstream-models",
  summary:
    "Add models from the provider's list: catalog prices where known, 0 on self-hosted kinds; others are skipped (add them with prices)",
  access: { team: "admin" },
  write: true,
  params: teamConnectionParams,
  body: importBody,
  response: importResult,
});

export const importSharedUpstreamModels = endpoint({
  id: "sharedProviders.importUpstream",
  method: "POST",
  path: "/api/admin/providers/:connectionId/upstream-models",
  summary: "Add models from a shared connection's provider list",
  access: "instance-owner",
  write: true,
  params: sharedConnectionParams,
  body: importBody,
  response: importResult,
});
