import { z } from "zod";
import { endpoint } from "@/lib/contract";

export const adminTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AdminTokenView = z.infer<typeof adminTokenSchema>;

export const listAdminTokens = endpoint({
  id: "tokens.list",
  method: "GET",
  path: "/api/admin/tokens",
  summary: "The caller's own admin tokens",
  access: "signed-in",
  response: z.object({ tokens: z.array(adminTokenSchema) }),
});

export const createAdminToken = endpoint({
  id: "tokens.create",
  method: "POST",
  path: "/api/admin/tokens",
  summary: "Create an admin token for scripts; the secret is returned once",
  access: "signed-in",
  write: true,
  created: true,
  body: z.object({
    name: z.string().trim().min(1, "Give the token a name").max(80),
    expiresAt: z.iso
      .datetime({ offset: true })
      .nullable()
      .optional()
      .refine(
        (value) => !value || new Date(value) > new Date(),
        "The expiry must be in the future",
      ),
  }),
  response: z.object({ token: adminTokenSchema, secret: z.string() }),
});

export const revokeAdminToken = endpoint({
  id: "tokens.revoke",
  method: "DELETE",
  path: "/api/admin/tokens/:tokenId",
  summary: "Revoke one of the caller's admin tokens",
  access: "signed-in",
  write: true,
  params: z.object({ tokenId: z.string().min(1) }),
  response: z.object({ token: adminTokenSchema }),
});
