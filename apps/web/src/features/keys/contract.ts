import { z } from "zod";
import { endpoint } from "@/lib/contract";
import { idempotencyKeySchema } from "@/lib/contract-schemas";
import { usdSchema } from "../budgets/contract";

export const keyStatusSchema = z.enum(["active", "expired", "revoked"]);

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  rpmLimit: z.number().int().nullable(),
  tpmLimit: z.number().int().nullable(),
  /** Default tags added to every request the key makes. */
  tags: z.array(z.string()),
  /** The key's requests are never sampled for calibration. */
  learningOptOut: z.boolean(),
  status: keyStatusSchema,
  createdAt: z.string(),
  createdById: z.string().nullable(),
  createdBy: z.string().nullable(),
  /** Spend this calendar month (UTC), USD as a decimal string. */
  monthSpendUsd: z.string(),
  /** When the secret was last rotated; null if never. */
  rotatedAt: z.string().nullable(),
  /** Until when the secret replaced by the last rotation still works; null when it does not. */
  previousSecretExpiresAt: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof apiKeySchema>;

const teamParams = z.object({ teamId: z.string().min(1) });
const limit = z.number().int().positive().max(10_000_000).nullable().optional();

/** Most default tags a key carries, and the longest one (characters). */
export const KEY_TAG_LIMITS = { count: 16, length: 128 } as const;

/** A key's default tag, e.g. "app:billing": no commas (the x-switchyard-tags separator), no controls. */
export const keyTagSchema = z
  .string()
  .trim()
  .min(1, "A tag cannot be empty")
  .max(KEY_TAG_LIMITS.length, `A tag has at most ${KEY_TAG_LIMITS.length} characters`)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  .regex(/^[^,\u0000-\u001f\u007f]+$/, "A tag cannot hold commas or control characters");

export const listKeys = endpoint({
  id: "keys.list",
  method: "GET",
  path: "/api/admin/teams/:teamId/keys",
  summary: "The team's API keys with this month's spend per key",
  access: { team: "viewer" },
  params: teamParams,
  response: z.object({ keys: z.array(apiKeySchema) }),
});

export const createKeyBody = z.object({
  name: z.string().trim().min(1, "Give the key a name").max(80),
  scopes: z.array(z.string().min(1)).max(100).default([]),
  expiresAt: z.iso
    .datetime({ offset: true })
    .nullable()
    .optional()
    .refine((value) => !value || new Date(value) > new Date(), "The expiry must be in the future"),
  rpmLimit: limit,
  tpmLimit: limit,
  tags: z
    .array(keyTagSchema)
    .max(KEY_TAG_LIMITS.count, `A key has at most ${KEY_TAG_LIMITS.count} tags`)
    .default([]),
  learningOptOut: z.boolean().default(false),
  /**
   * A budget of the key, made with it (blocks at the limit; alerts at 50, 80 and 100%). Edit it
   * or add others on the Budgets page.
   */
  budget: z
    .object({
      period: z.enum(["day", "week", "month", "lifetime"]).default("month"),
      limitUsd: usdSchema,
    })
    .optional(),
  idempotencyKey: idempotencyKeySchema,
});

export const createKey = endpoint({
  id: "keys.create",
  method: "POST",
  path: "/api/admin/teams/:teamId/keys",
  summary:
    "Create an API key; the secret is returned once. With `idempotencyKey`, a repeat of a create " +
    "that succeeded makes no second key and is answered 409 `already_created`, naming the key made " +
    "the first time: the secret is never stored, so it cannot be returned again, and a success " +
    "without it would look like a key whose secret was lost. Retry with the same idempotencyKey " +
    "when a create's response was lost; on 409 the key exists (revoke it if its secret never arrived).",
  access: { team: "member" },
  write: true,
  created: true,
  params: teamParams,
  body: createKeyBody,
  response: z.object({ key: apiKeySchema, secret: z.string() }),
});

export const revokeKey = endpoint({
  id: "keys.revoke",
  method: "DELETE",
  path: "/api/admin/teams/:teamId/keys/:keyId",
  summary: "Revoke a key (members: their own keys; admins: any key)",
  access: { team: "member" },
  write: true,
  params: z.object({ teamId: z.string().min(1), keyId: z.string().min(1) }),
  response: z.object({ key: apiKeySchema }),
});

export const updateKeyBody = z
  .object({
    /** A new name (the secret and everything else stay). */
    name: z.string().trim().min(1, "Give the key a name").max(80).optional(),
    tags: z
      .array(keyTagSchema)
      .max(KEY_TAG_LIMITS.count, `A key has at most ${KEY_TAG_LIMITS.count} tags`)
      .optional(),
    learningOptOut: z.boolean().optional(),
  })
  .refine(
    (body) =>
      body.name !== undefined || body.tags !== undefined || body.learningOptOut !== undefined,
    { message: "Nothing to change: give name, tags or learningOptOut" },
  );

export const updateKey = endpoint({
  id: "keys.update",
  method: "PATCH",
  path: "/api/admin/teams/:teamId/keys/:keyId",
  summary:
    "Rename a key, or change its default tags or learning opt-out (members: their own keys; admins: any key)",
  access: { team: "member" },
  write: true,
  params: z.object({ teamId: z.string().min(1), keyId: z.string().min(1) }),
  body: updateKeyBody,
  response: z.object({ key: apiKeySchema }),
});

/** How long a rotated-out secret keeps working, by name (milliseconds). */
export const GRACE_PERIODS = {
  none: 0,
  "1h": 3_600_000,
  "24h": 86_400_000,
  "7d": 604_800_000,
} as const;
export type GracePeriod = keyof typeof GRACE_PERIODS;

export const rotateKeyBody = z.object({
  /** How long the current secret keeps working beside the new one: none, 1h, 24h (default), 7d. */
  gracePeriod: z
    .enum(Object.keys(GRACE_PERIODS) as [GracePeriod, ...GracePeriod[]], {
      error: "Choose none, 1h, 24h or 7d",
    })
    .default("24h"),
});

export const rotateKey = endpoint({
  id: "keys.rotate",
  method: "POST",
  path: "/api/admin/teams/:teamId/keys/:keyId/rotate",
  summary:
    "Issue a new secret for a key; it is returned once. The current secret keeps working until " +
    "the grace period ends (`gracePeriod`: none, 1h, 24h (default) or 7d), then is refused as an " +
    "invalid key; a secret replaced by an earlier rotation stops working now. The key's id, " +
    "name, scopes, budgets, limits and history stay (members: their own keys; admins: any key).",
  access: { team: "member" },
  write: true,
  params: z.object({ teamId: z.string().min(1), keyId: z.string().min(1) }),
  body: rotateKeyBody,
  response: z.object({ key: apiKeySchema, secret: z.string() }),
});

export const listKeyScopes = endpoint({
  id: "keys.scopes",
  method: "GET",
  path: "/api/admin/teams/:teamId/keys/scopes",
  summary:
    "Names a key of this team can be scoped to: its models and their aliases, and the policy " +
    "aliases (switchyard/auto and each of the team's policies; a key scoped to one may call it, " +
    "whichever model its policy then routes to)",
  access: { team: "viewer" },
  params: teamParams,
  response: z.object({
    models: z.array(z.object({ name: z.string(), aliases: z.array(z.string()) })),
    policies: z.array(
      z.object({
        alias: z.string(),
        /** The policy's name; null for switchyard/auto when no policy of the team has it. */
        name: z.string().nullable(),
        /** Whether calls to the alias run a published policy (switchyard/auto works without). */
        published: z.boolean(),
      }),
    ),
  }),
});
