/**
 * Management API contracts for provider connections. Team connections are managed by team admins
 * under /teams/:teamId/providers; shared connections (every team may use them) by the instance
 * owner under /providers. Credentials are write-only: responses say only whether one is set.
 */
import { z } from "zod";
import { endpoint } from "@/lib/contract";
import { httpUrlSchema } from "@/lib/contract-schemas";

const teamParams = z.object({ teamId: z.string().min(1) });
const connectionParams = z.object({ connectionId: z.string().min(1) });
const teamConnectionParams = teamParams.extend({ connectionId: z.string().min(1) });

export const connectionSchema = z.object({
  id: z.string(),
  teamId: z.string().nullable(),
  shared: z.boolean(),
  kind: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  credentialSet: z.boolean(),
  enabled: z.boolean(),
  modelCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ConnectionView = z.infer<typeof connectionSchema>;

const baseUrlSchema = httpUrlSchema("https://api.example.com/v1");

export const connectionCreateSchema = z.object({
  kind: z.string().min(1),
  name: z.string().trim().min(1).max(100),
  /** Defaults to the catalog's base URL for the kind. */
  baseUrl: baseUrlSchema.optional(),
  credential: z.string().min(1).max(10_000).optional(),
  enabled: z.boolean().default(true),
});

export const connectionUpdateSchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  baseUrl: baseUrlSchema.optional(),
  /** A new credential; null removes it; absent leaves it unchanged. */
  credential: z.string().min(1).max(10_000).nullable().optional(),
  enabled: z.boolean().optional(),
});

const connectionResponse = z.object({ connection: connectionSchema });
const importResponse = z.object({ created: z.array(z.string()), skipped: z.array(z.string()) });

export const providerCatalog = endpoint({
  id: "providers.catalog",
  method: "GET",
  path: "/api/admin/catalog",
  summary: "Provider kinds with their default base URL and catalog models",
  access: "signed-in",
  response: z.object({
    pricesAsOf: z.string(),
    providers: z.array(
      z.object({
        kind: z.string(),
        displayName: z.string(),
        defaultBaseUrl: z.string().nullable(),
        models: z.array(z.string()),
      }),
    ),
  }),
});

export const listConnections = endpoint({
  id: "providers.list",
  method: "GET",
  path: "/api/admin/teams/:teamId/providers",
  summary: "The team's provider connections and the shared ones",
  access: { team: "viewer" },
  params: teamParams,
  response: z.object({ connections: z.array(connectionSchema) }),
});

export const createConnection = endpoint({
  id: "providers.create",
  method: "POST",
  path: "/api/admin/teams/:teamId/providers",
  summary: "Add a provider connection to the team (credential encrypted at rest)",
  access: { team: "admin" },
  write: true,
  created: true,
  params: teamParams,
  body: connectionCreateSchema,
  response: connectionResponse,
});

export const updateConnection = endpoint({
  id: "providers.update",
  method: "PATCH",
  path: "/api/admin/teams/:teamId/providers/:connectionId",
  summary: "Change a team connection (name, base URL, credential, enabled)",
  access: { team: "admin" },
  write: true,
  params: teamConnectionParams,
  body: connectionUpdateSchema,
  response: connectionResponse,
});

export const deleteConnection = endpoint({
  id: "providers.delete",
  method: "DELETE",
  path: "/api/admin/teams/:teamId/providers/:connectionId",
  summary: "Delete a team connection and its models",
  access: { team: "admin" },
  write: true,
  params: teamConnectionParams,
  response: z.object({ deleted: z.literal(true) }),
});

export const importCatalogModels = endpoint({
  id: "providers.importCatalog",
  method: "POST",
  path: "/api/admin/teams/:teamId/providers/:connectionId/catalog-models",
  summary: "Add the catalog's models for a team connection (names already taken are skipped)",
  access: { team: "admin" },
  write: true,
  params: teamConnectionParams,
  response: importResponse,
});

export const createSharedConnection = endpoint({
  id: "sharedProviders.create",
  method: "POST",
  path: "/api/admin/providers",
  summary: "Add a shared provider connection (every team may use its models)",
  access: "instance-owner",
  write: true,
  created: true,
  body: connectionCreateSchema,
  response: connectionResponse,
});

export const updateSharedConnection = endpoint({
  id: "sharedProviders.update",
  method: "PATCH",
  path: "/api/admin/providers/:connectionId",
  summary: "Change a shared connection",
  access: "instance-owner",
  write: true,
  params: connectionParams,
  body: connectionUpdateSchema,
  response: connectionResponse,
});

export const deleteSharedConnection = endpoint({
  id: "sharedProviders.delete",
  method: "DELETE",
  path: "/api/admin/providers/:connectionId",
  summary: "Delete a shared connection and its models",
  access: "instance-owner",
  write: true,
  params: connectionParams,
  response: z.object({ deleted: z.literal(true) }),
});

export const importSharedCatalogModels = endpoint({
  id: "sharedProviders.importCatalog",
  method: "POST",
  path: "/api/admin/providers/:connectionId/catalog-models",
  summary: "Add the catalog's models for a shared connection",
  access: "instance-owner",
  write: true,
  params: connectionParams,
  response: importResponse,
});
