/**
 * Learned-router endpoints: each contract of ../contract.ts with its handler (collected by
 * server/admin/registry.ts: served, described in the OpenAPI document, walked by the
 * authorisation test).
 */
import { register } from "@/server/admin/register";
import { listLearnedRouters, trainLearnedRouters } from "../contract";
import { listLearnedRoutersHandler, trainLearnedRoutersHandler } from "./learned-routers";

export const learnedRouterRoutes = [
  register(listLearnedRouters, listLearnedRoutersHandler),
  register(trainLearnedRouters, trainLearnedRoutersHandler),
];
