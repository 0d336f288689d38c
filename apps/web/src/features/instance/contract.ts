/**
 * Management API contracts for the instance's settings, which only the instance owner sees and
 * changes: who may create teams, and which teams may use the instance-shared provider connections
 * (the credentials the instance owner pays for) and their models.
 */
import { z } from "zod";
import { endpoint } from "@/lib/contract";

/** "instance_owner": only the instance owner creates teams (the default); "any_user": anyone. */
export const teamCreationSchema = z.enum(["instance_owner", "any_user"]);
export type TeamCreation = z.infer<typeof teamCreationSchema>;

export const instanceSettingsSchema = z.object({ teamCreation: teamCreationSchema });

export const sharedAccessTeamSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  /** The team may use the shared connections' models. */
  sharedConnectionsAllowed: z.boolean(),
});
export type SharedAccessTeam = z.infer<typeof sharedAccessTeamSchema>;

export const getInstanceSettings = endpoint({
  id: "instance.get",
  method: "GET",
  path: "/api/admin/instance",
  summary: "The instance settings and every team with its access to the shared connections",
  access: "instance-owner",
  response: z.object({
    settings: instanceSettingsSchema,
    teams: z.array(sharedAccessTeamSchema),
  }),
});

export const updateInstanceSettings = endpoint({
  id: "instance.update",
  method: "PATCH",
  path: "/api/admin/instance",
  summary: "Change who may create teams",
  access: "instance-owner",
  write: true,
  body: instanceSettingsSchema.partial(),
  response: z.object({ settings: instanceSettingsSchema }),
});

export const setTeamSharedConnections = endpoint({
  id: "instance.teamSharedConnections",
  method: "PUT",
  path: "/api/admin/instance/teams/:teamId/shared-connections",
  summary: "Allow or refuse a team the instance-shared provider connections and their models",
  access: "instance-owner",
  write: true,
  params: z.object({ teamId: z.string().min(1) }),
  body: z.object({ allowed: z.boolean() }),
  response: z.object({ team: sharedAccessTeamSchema }),
});
