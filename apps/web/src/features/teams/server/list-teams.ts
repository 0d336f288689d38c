import { mayCreateTeams, readInstanceSettings } from "@/features/instance/server/instance-settings";
import { roleIn, visibleTeamIds } from "@/server/admin/permissions";
import type { HandlerContext } from "@/server/admin/route";
import type { listTeams } from "../contract";
import { toTeamView } from "./team-view";

export async function listTeamsHandler({ actor, prisma }: HandlerContext<typeof listTeams>) {
  const ids = visibleTeamIds(actor);
  const [teams, settings] = await Promise.all([
    prisma.team.findMany({
      where: ids === null ? {} : { id: { in: ids } },
      orderBy: { name: "asc" },
    }),
    readInstanceSettings(prisma),
  ]);
  return {
    teams: teams.map((team) => toTeamView(team, roleIn(actor, team.id) ?? "viewer")),
    canCreateTeams: mayCreateTeams(settings, actor.isOwner),
  };
}
