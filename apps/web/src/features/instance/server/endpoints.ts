/**
 * Instance settings endpoints: each contract of ../contract.ts with its handler. A new endpoint is
 * its contract plus one line here: server/admin/registry.ts collects this list, so the endpoint is
 * served (app/api/admin/[...path]), described in the OpenAPI document and walked by the
 * authorisation test.
 */
import { register } from "@/server/admin/register";
import { getInstanceSettings, setTeamSharedConnections, updateInstanceSettings } from "../contract";
import {
  getInstanceSettingsHandler,
  setTeamSharedConnectionsHandler,
  updateInstanceSettingsHandler,
} from "./handlers";

export const instanceRoutes = [
  register(getInstanceSettings, getInstanceSettingsHandler),
  register(updateInstanceSettings, updateInstanceSettingsHandler),
  register(setTeamSharedConnections, setTeamSharedConnectionsHandler),
];
