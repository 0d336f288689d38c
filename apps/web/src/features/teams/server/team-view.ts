import type { DbModels } from "@switchyard/db";
import type { Role } from "@/lib/contract";
import type { TeamView } from "../contract";

export const toTeamView = (team: DbModels.TeamModel, role: Role): TeamView => ({
  id: team.id,
  slug: team.slug,
  name: team.name,
  defaultModel: team.defaultModel,
  contentLogging: team.contentLogging,
  failMode: team.failMode,
  timeZone: team.timeZone,
  sharedConnectionsAllowed: team.sharedConnectionsAllowed,
  role,
  createdAt: team.createdAt.toISOString(),
});
