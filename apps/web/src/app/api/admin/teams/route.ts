import { listTeams } from "@/features/teams/contract";
import { listTeamsHandler } from "@/features/teams/server/list-teams";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const GET = route(listTeams, listTeamsHandler);
