/**
 * Model endpoints: each contract of ../contract.ts with its handler. A new endpoint is its
 * contract plus one line here: server/admin/registry.ts collects this list, so the endpoint is
 * served (app/api/admin/[...path]), described in the OpenAPI document and walked by the
 * authorisation test.
 */
import { register } from "@/server/admin/register";
import { listModels, modelsHealth, updateModel, updateSharedModel } from "../contract";
import {
  createModel,
  createSharedModel,
  deleteModel,
  deleteSharedModel,
  importSharedUpstreamModels,
  importUpstreamModels,
  listSharedUpstreamModels,
  listUpstreamModels,
  testModel,
  testSharedModel,
} from "../manage-contract";
import { listModelsHandler, updateModelHandler, updateSharedModelHandler } from "./handlers";
import { createModelIn, deleteModelIn } from "./manage-models";
import { modelsHealthHandler } from "./model-health";
import { importUpstreamIn, testModelIn, upstreamModelsIn } from "./probe-models";

export const modelRoutes = [
  register(listModels, listModelsHandler),
  register(updateModel, updateModelHandler),
  register(updateSharedModel, updateSharedModelHandler),
  register(modelsHealth, modelsHealthHandler),
  register(createModel, (c) => createModelIn(c, c.params.teamId, c.body)),
  register(createSharedModel, (c) => createModelIn(c, null, c.body)),
  register(deleteModel, (c) => deleteModelIn(c, c.params.teamId, c.params.modelId)),
  register(deleteSharedModel, (c) => deleteModelIn(c, null, c.params.modelId)),
  register(testModel, (c) => testModelIn(c, c.params.teamId, c.params.modelId)),
  register(testSharedModel, (c) => testModelIn(c, null, c.params.modelId)),
  register(listUpstreamModels, (c) =>
    upstreamModelsIn(c.prisma, c.params.teamId, c.params.connectionId),
  ),
  register(listSharedUpstreamModels, (c) =>
    upstreamModelsIn(c.prisma, null, c.params.connectionId),
  ),
  register(importUpstreamModels, (c) =>
    importUpstreamIn(c, c.params.teamId, c.params.connectionId, c.body),
  ),
  register(importSharedUpstreamModels, (c) =>
    importUpstreamIn(c, null, c.params.connectionId, c.body),
  ),
];
