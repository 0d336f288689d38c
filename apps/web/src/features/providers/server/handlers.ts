/** Route handlers for team and shared provider connections. */
import { loadCatalog, providerKinds } from "@switchyard/providers";
import type { HandlerContext } from "@/server/admin/route";
import type {
  createConnection,
  createSharedConnection,
  deleteConnection,
  deleteSharedConnection,
  importCatalogModels,
  importSharedCatalogModels,
  listConnections,
  updateConnection,
  updateSharedConnection,
} from "../contract";
import { connectionInclude, connectionView } from "./connection-view";
import {
  type ConnectionScope,
  createConnectionIn,
  deleteConnectionIn,
  updateConnectionIn,
} from "./connections";
import { importCatalogModelsIn } from "./import-catalog";

type AnyContext = Pick<HandlerContext<typeof listConnections>, "prisma" | "audit" | "publish">;
const scopeOf = (context: AnyContext, teamId: string | null): ConnectionScope => ({
  prisma: context.prisma,
  teamId,
  audit: context.audit,
  publish: context.publish,
});

export async function providerCatalogHandler() {
  const catalog = loadCatalog();
  return {
    pricesAsOf: catalog.pricesAsOf,
    providers: providerKinds().map((kind) => {
      const provider = catalog.providers[kind];
      return {
        kind,
        displayName: provider?.displayName ?? kind,
        defaultBaseUrl: provider?.defaultBaseUrl ?? null,
        models: provider?.models.map((model) => model.name) ?? [],
      };
    }),
  };
}

export async function listConnectionsHandler({
  params,
  prisma,
}: HandlerContext<typeof listConnections>) {
  const team = await prisma.team.findUnique({
    where: { id: params.teamId },
    select: { sharedConnectionsAllowed: true },
  });
  // The shared connections are listed only to the teams the instance owner lets use them.
  const scopes = team?.sharedConnectionsAllowed
    ? [{ teamId: params.teamId }, { teamId: null }]
    : [{ teamId: params.teamId }];
  const rows = await prisma.providerConnection.findMany({
    where: { OR: scopes },
    include: connectionInclude,
    orderBy: [{ teamId: { sort: "asc", nulls: "first" } }, { name: "asc" }],
  });
  return { connections: rows.map(connectionView) };
}

export const createConnectionHandler = (c: HandlerContext<typeof createConnection>) =>
  createConnectionIn(scopeOf(c, c.params.teamId), c.body);
export const updateConnectionHandler = (c: HandlerContext<typeof updateConnection>) =>
  updateConnectionIn(scopeOf(c, c.params.teamId), c.params.connectionId, c.body);
export const deleteConnectionHandler = (c: HandlerContext<typeof deleteConnection>) =>
  deleteConnectionIn(scopeOf(c, c.params.teamId), c.params.connectionId);
export const importCatalogModelsHandler = (c: HandlerContext<typeof importCatalogModels>) =>
  importCatalogModelsIn(scopeOf(c, c.params.teamId), c.params.connectionId);

export const createSharedConnectionHandler = (c: HandlerContext<typeof createSharedConnection>) =>
  createConnectionIn(scopeOf(c, null), c.body);
export const updateSharedConnectionHandler = (c: HandlerContext<typeof updateSharedConnection>) =>
  updateConnectionIn(scopeOf(c, null), c.params.connectionId, c.body);
export const deleteSharedConnectionHandler = (c: HandlerContext<typeof deleteSharedConnection>) =>
  deleteConnectionIn(scopeOf(c, null), c.params.connectionId);
export const importSharedCatalogModelsHandler = (
  c: HandlerContext<typeof importSharedCatalogModels>,
) => importCatalogModelsIn(scopeOf(c, null), c.params.connectionId);
