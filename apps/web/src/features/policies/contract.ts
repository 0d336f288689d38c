/** Management API contracts for routing policies and their immutable versions. */
import { z } from "zod";
import { endpoint } from "@/lib/contract";
import { idempotencyKeySchema, modelAliasSchema } from "@/lib/contract-schemas";

const teamParams = z.object({ teamId: z.string().min(1) });
const policyParams = teamParams.extend({ policyId: z.string().min(1) });
const versionParams = policyParams.extend({ versionId: z.string().min(1) });

export const issueSchema = z.object({ path: z.string(), message: z.string() });
export type PolicyIssue = z.infer<typeof issueSchema>;

export const policySummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  alias: z.string(),
  publishedVersionId: z.string().nullable(),
  publishedVersion: z.number().int().nullable(),
  latestVersion: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PolicySummary = z.infer<typeof policySummarySchema>;

export const policyVersionSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  body: z.unknown(),
  note: z.string().nullable(),
  author: z.string().nullable(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type PolicyVersionView = z.infer<typeof policyVersionSchema>;

export const listPolicies = endpoint({
  id: "policies.list",
  method: "GET",
  path: "/api/admin/teams/:teamId/policies",
  summary: "The team's routing policies with their published version",
  access: { team: "viewer" },
  params: teamParams,
  response: z.object({ policies: z.array(policySummarySchema) }),
});

export const createPolicy = endpoint({
  id: "policies.create",
  method: "POST",
  path: "/api/admin/teams/:teamId/policies",
  summary: "Create a routing policy (no versions yet)",
  access: { team: "admin" },
  write: true,
  created: true,
  params: teamParams,
  body: z.object({ name: z.string().trim().min(1).max(100), alias: modelAliasSchema }),
  response: z.object({ policy: policySummarySchema }),
});

export const getPolicy = endpoint({
  id: "policies.get",
  method: "GET",
  path: "/api/admin/teams/:teamId/policies/:policyId",
  summary: "A policy with every version, newest first",
  access: { team: "viewer" },
  params: policyParams,
  response: z.object({ policy: policySummarySchema, versions: z.array(policyVersionSchema) }),
});

export const createPolicyVersion = endpoint({
  id: "policies.versions.create",
  method: "POST",
  path: "/api/admin/teams/:teamId/policies/:policyId/versions",
  summary:
    "Save a new immutable version (validated and compiled against the team's models). With " +
    "`idempotencyKey`, a repeat of a save that succeeded saves nothing and returns the version " +
    "that save made, with the same 201: versions hold no secret, so the first answer can be given again.",
  access: { team: "admin" },
  write: true,
  created: true,
  params: policyParams,
  body: z.object({
    body: z.unknown(),
    note: z.string().trim().max(500).optional(),
    idempotencyKey: idempotencyKeySchema,
  }),
  response: z.object({ version: policyVersionSchema }),
});

export const publishPolicyVersion = endpoint({
  id: "policies.versions.publish",
  method: "POST",
  path: "/api/admin/teams/:teamId/policies/:policyId/versions/:versionId/publish",
  summary: "Publish a version (an older one rolls back); gateways pick it up at once",
  access: { team: "admin" },
  write: true,
  params: versionParams,
  response: z.object({ policy: policySummarySchema }),
});

export const validatePolicy = endpoint({
  id: "policies.validate",
  method: "POST",
  path: "/api/admin/teams/:teamId/policies/validate",
  summary: "Check a policy document against the schema and the team's models",
  access: { team: "viewer" },
  params: teamParams,
  body: z.object({ body: z.unknown() }),
  response: z.object({ valid: z.boolean(), issues: z.array(issueSchema) }),
});

export const explainRequestSchema = z.object({
  /** A draft document; when absent, `versionId` (or the published version of `policyId`). */
  body: z.unknown().optional(),
  policyId: z.string().optional(),
  versionId: z.string().optional(),
  prompt: z.string().min(1).max(100_000),
  system: z.string().max(20_000).optional(),
  task: z.string().trim().max(64).optional(),
  requestedModel: z.string().trim().max(100).optional(),
  tools: z.boolean().default(false),
  images: z.boolean().default(false),
  json: z.boolean().default(false),
});

export const explainPolicy = endpoint({
  id: "policies.explain",
  method: "POST",
  path: "/api/admin/teams/:teamId/policies/explain",
  summary: "Run a policy on a prompt and return the decision with its full trace",
  access: { team: "viewer" },
  params: teamParams,
  body: explainRequestSchema,
  response: z.object({
    rules: z.array(z.object({ name: z.string(), matched: z.boolean() })),
    plan: z.array(z.object({ model: z.string(), reason: z.string() })),
    strategy: z.string(),
    header: z.string(),
    summary: z.string(),
    trace: z.unknown(),
    estimatedInputTokens: z.number().int(),
  }),
});

export const thresholdRowSchema = z.object({
  threshold: z.number(),
  strongShare: z.number(),
  quality: z.number(),
  costVsStrong: z.number(),
});
export const thresholdTableSchema = z.object({
  dataset: z.string(),
  strategy: z.enum(["classifier", "cascade"]),
  rows: z.array(thresholdRowSchema),
});
export type ThresholdTable = z.infer<typeof thresholdTableSchema>;

export const policyThresholds = endpoint({
  id: "policies.thresholds",
  method: "GET",
  path: "/api/admin/teams/:teamId/policies/thresholds",
  summary: "Expected strong share, quality and cost per threshold, from the router's model card",
  access: { team: "viewer" },
  params: teamParams,
  response: z.object({ tables: z.array(thresholdTableSchema) }),
});
