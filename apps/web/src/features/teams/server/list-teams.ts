import { roleIn, visibleTeamIds } from "@/server/admin/permissions";
import type { HandlerContext } from "@/server/admin/route";
import type { listTeams } from "../contract";

export async function listTeamsHandler({ actor, prisma }: HandlerContext<typeof listTeams>) {
  const ids = visibleTeamIds(actor);
  const teams = await prisma.team.findMany({
    where: ids === null ? {} : { id: { in: ids } },
    orderBy: { name: "asc" },
  });
  return {
    teams: teams.map((team) => ({
      id: team.id,
      slug: team.slug,
      name: team.name,
      defaultModel: team.defaultModel,
      contentLogging: team.contentLogging,
      failMode: team.failMode,
      timeZone: team.timeZone,
      role: roleIn(actor, team.id) ?? "viewer",
      createdAt: team.createdAt.toISOString(),
    })),
  };
}
