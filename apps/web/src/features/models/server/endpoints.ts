/**
 * Model endpoints: each contract of ../contract.ts with its handler. A new endpoint is its
 * contract plus one line here: server/admin/registry.ts collects this list, so the endpoint is
 * served (app/api/admin/[...path]), described in the OpenAPI document and walked by the
 * authorisation test.
 */
import { register } from "@/server/admin/register";
import { listModels, modelsHealth, updateModel, updateSharedModel } from "../contract";
import { listModelsHandler, updateModelHandler, updateSharedModelHandler } from "./handlers";
import { modelsHealthHandler } from "./model-health";

export const modelRoutes = [
  register(listModels, listModelsHandler),
  register(updateModel, updateModelHandler),
  register(updateSharedModel, updateSharedModelHandler),
  register(modelsHealth, modelsHealthHandler),
];
