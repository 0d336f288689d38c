import { updateTeamSettings } from "@/features/teams/contract";
import { updateTeamSettingsHandler } from "@/features/teams/server/update-team-settings";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const PATCH = route(updateTeamSettings, updateTeamSettingsHandler);
