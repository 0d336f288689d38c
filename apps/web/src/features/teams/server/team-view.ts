import { type DbModels, toTeamInfo } from "@switchyard/db";
import type { Role } from "@/lib/contract";
import type { TeamView } from "../contract";

export const toTeamView = (team: DbModels.TeamModel, role: Role): TeamView => ({
  ...toTeamInfo(team),
  role,
  createdAt: team.createdAt.toISOString(),
});
