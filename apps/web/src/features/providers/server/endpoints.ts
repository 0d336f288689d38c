/**
 * Provider connection endpoints (a team's own and the shared ones): each contract of
 * ../contract.ts with its handler. A new endpoint is its contract plus one line here:
 * server/admin/registry.ts collects this list, so the endpoint is served
 * (app/api/admin/[...path]), described in the OpenAPI document and walked by the authorisation
 * test.
 */
import { register } from "@/server/admin/register";
import {
  createConnection,
  createSharedConnection,
  deleteConnection,
  deleteSharedConnection,
  importCatalogModels,
  importSharedCatalogModels,
  listConnections,
  providerCatalog,
  updateConnection,
  updateSharedConnection,
} from "../contract";
import {
  createConnectionHandler,
  createSharedConnectionHandler,
  deleteConnectionHandler,
  deleteSharedConnectionHandler,
  importCatalogModelsHandler,
  importSharedCatalogModelsHandler,
  listConnectionsHandler,
  providerCatalogHandler,
  updateConnectionHandler,
  updateSharedConnectionHandler,
} from "./handlers";

export const providerRoutes = [
  register(providerCatalog, providerCatalogHandler),
  register(listConnections, listConnectionsHandler),
  register(createConnection, createConnectionHandler),
  register(updateConnection, updateConnectionHandler),
  register(deleteConnection, deleteConnectionHandler),
  register(importCatalogModels, importCatalogModelsHandler),
  register(createSharedConnection, createSharedConnectionHandler),
  register(updateSharedConnection, updateSharedConnectionHandler),
  register(deleteSharedConnection, deleteSharedConnectionHandler),
  register(importSharedCatalogModels, importSharedCatalogModelsHandler),
];
