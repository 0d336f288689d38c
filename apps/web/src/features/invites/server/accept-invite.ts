import type { HandlerContext } from "@/server/admin/route";
import { toTeamView } from "../../teams/server/team-view";
import type { acceptInvite } from "../contract";
import { acceptInviteAs } from "./redeem-invite";

export async function acceptInviteHandler({
  actor,
  params,
  prisma,
}: HandlerContext<typeof acceptInvite>) {
  const team = await acceptInviteAs(prisma, params.token, { id: actor.userId, email: actor.email });
  const membership = await prisma.membership.findUniqueOrThrow({
    where: { userId_teamId: { userId: actor.userId, teamId: team.id } },
  });
  return { team: toTeamView(team, actor.isOwner ? "owner" : membership.role) };
}
