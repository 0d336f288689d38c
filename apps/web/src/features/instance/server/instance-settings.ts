/** The instance settings row (id 1); no row yet means the defaults. */
import type { Prisma } from "@/server/db";
import type { TeamCreation } from "../contract";

export interface InstanceSettings {
  teamCreation: TeamCreation;
}

export const DEFAULT_INSTANCE_SETTINGS: InstanceSettings = { teamCreation: "instance_owner" };

export async function readInstanceSettings(
  prisma: Pick<Prisma, "instanceSettings">,
): Promise<InstanceSettings> {
  const row = await prisma.instanceSettings.findUnique({ where: { id: 1 } });
  return row ? { teamCreation: row.teamCreation } : DEFAULT_INSTANCE_SETTINGS;
}

/** Whether this caller may create a team under the current settings. */
export const mayCreateTeams = (settings: InstanceSettings, isInstanceOwner: boolean) =>
  isInstanceOwner || settings.teamCreation === "any_user";
