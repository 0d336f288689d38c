/**
 * Team endpoints: each contract of ../contract.ts with its handler. A new endpoint is its contract
 * plus one line here: server/admin/registry.ts collects this list, so the endpoint is served
 * (app/api/admin/[...path]), described in the OpenAPI document and walked by the authorisation
 * test.
 */
import { register } from "@/server/admin/register";
import { createTeam, listTeams, updateTeamSettings } from "../contract";
import { createTeamHandler } from "./create-team";
import { listTeamsHandler } from "./list-teams";
import { updateTeamSettingsHandler } from "./update-team-settings";

export const teamRoutes = [
  register(listTeams, listTeamsHandler),
  register(createTeam, createTeamHandler),
  register(updateTeamSettings, updateTeamSettingsHandler),
];
