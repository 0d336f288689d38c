import { createTeam, listTeams } from "@/features/teams/contract";
import { createTeamHandler } from "@/features/teams/server/create-team";
import { listTeamsHandler } from "@/features/teams/server/list-teams";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const GET = route(listTeams, listTeamsHandler);
export const POST = route(createTeam, createTeamHandler);
