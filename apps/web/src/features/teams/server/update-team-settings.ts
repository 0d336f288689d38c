import { rebuildDayRollups } from "@switchyard/db";
import { roleIn } from "@/server/admin/permissions";
import type { HandlerContext } from "@/server/admin/route";
import type { updateTeamSettings } from "../contract";
import { toTeamView } from "./team-view";

const settingsOf = (team: {
  name: string;
  defaultModel: string | null;
  contentLogging: boolean;
  failMode: string;
  timeZone: string;
  responseStorage: boolean;
  responseRetentionDays: number;
}) => ({
  name: team.name,
  defaultModel: team.defaultModel,
  contentLogging: team.contentLogging,
  failMode: team.failMode,
  timeZone: team.timeZone,
  responseStorage: team.responseStorage,
  responseRetentionDays: team.responseRetentionDays,
});

export async function updateTeamSettingsHandler({
  actor,
  params,
  body,
  prisma,
  audit,
  publish,
}: HandlerContext<typeof updateTeamSettings>) {
  const before = await prisma.team.findUniqueOrThrow({ where: { id: params.teamId } });
  const data = { ...body, defaultModel: body.defaultModel === "" ? null : body.defaultModel };
  const team = await prisma.$transaction(
    async (tx) => {
      const updated = await tx.team.update({ where: { id: params.teamId }, data });
      // Daily rollups are cut in the team's zone: re-derive them while the team row stays locked.
      if (updated.timeZone !== before.timeZone) await rebuildDayRollups(tx, updated.id);
      await audit(
        {
          action: "team.update",
          targetType: "team",
          targetId: updated.id,
          before: settingsOf(before),
          after: settingsOf(updated),
        },
        tx,
      );
      return updated;
    },
    { timeout: 60_000 },
  );
  // Gateways cache team settings with the config snapshot and beside each key.
  await publish({ topic: "config", id: team.id });
  await publish({ topic: "keys" });
  return { team: toTeamView(team, roleIn(actor, team.id) ?? "viewer") };
}
