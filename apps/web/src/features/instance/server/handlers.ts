/** Route handlers for the instance settings (instance owner only). */
import { notFound } from "@/server/admin/errors";
import type { HandlerContext } from "@/server/admin/route";
import type {
  getInstanceSettings,
  SharedAccessTeam,
  setTeamSharedConnections,
  updateInstanceSettings,
} from "../contract";
import { readInstanceSettings } from "./instance-settings";

const teamSelect = { id: true, name: true, slug: true, sharedConnectionsAllowed: true } as const;

export async function getInstanceSettingsHandler({
  prisma,
}: HandlerContext<typeof getInstanceSettings>) {
  const [settings, teams] = await Promise.all([
    readInstanceSettings(prisma),
    prisma.team.findMany({ select: teamSelect, orderBy: { name: "asc" } }),
  ]);
  return { settings, teams };
}

export async function updateInstanceSettingsHandler({
  body,
  prisma,
  audit,
}: HandlerContext<typeof updateInstanceSettings>) {
  const settings = await prisma.$transaction(async (tx) => {
    const before = await readInstanceSettings(tx);
    const row = await tx.instanceSettings.upsert({
      where: { id: 1 },
      create: { id: 1, ...body },
      update: body,
    });
    const after = { teamCreation: row.teamCreation };
    await audit(
      {
        action: "instance.update",
        targetType: "instance",
        teamId: null,
        before,
        after,
      },
      tx,
    );
    return after;
  });
  return { settings };
}

export async function setTeamSharedConnectionsHandler({
  params,
  body,
  prisma,
  audit,
  publish,
}: HandlerContext<typeof setTeamSharedConnections>) {
  const before = await prisma.team.findUnique({ where: { id: params.teamId }, select: teamSelect });
  if (!before) throw notFound("Team not found");
  const team: SharedAccessTeam = await prisma.$transaction(async (tx) => {
    const updated = await tx.team.update({
      where: { id: before.id },
      data: { sharedConnectionsAllowed: body.allowed },
      select: teamSelect,
    });
    await audit(
      {
        action: body.allowed ? "team.shared_connections.allow" : "team.shared_connections.refuse",
        targetType: "team",
        targetId: updated.id,
        teamId: updated.id,
        before: { sharedConnectionsAllowed: before.sharedConnectionsAllowed },
        after: { sharedConnectionsAllowed: updated.sharedConnectionsAllowed },
      },
      tx,
    );
    return updated;
  });
  // Gateways hold the team's model list in their routing snapshot and beside each key.
  await publish({ topic: "config", id: team.id });
  await publish({ topic: "keys" });
  return { team };
}
