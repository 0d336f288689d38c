import { z } from "zod";
import { endpoint } from "@/lib/contract";

export const roleSchema = z.enum(["owner", "admin", "member", "viewer"]);

export const teamSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  defaultModel: z.string().nullable(),
  contentLogging: z.boolean(),
  failMode: z.enum(["open", "closed"]),
  timeZone: z.string(),
  /** The instance owner lets the team use the instance-shared provider connections. */
  sharedConnectionsAllowed: z.boolean(),
  /** Keep responses of POST /v1/responses that ask to be stored (store, true by default). */
  responseStorage: z.boolean(),
  /** Days a stored response is kept. */
  responseRetentionDays: z.number().int(),
  /** The caller's role in the team ("owner" for the instance owner). */
  role: roleSchema,
  createdAt: z.string(),
});
export type TeamView = z.infer<typeof teamSchema>;

const teamParams = z.object({ teamId: z.string().min(1) });

const isTimeZone = (value: string) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

export const teamNameSchema = z.string().trim().min(1, "Give the team a name").max(80);

export const listTeams = endpoint({
  id: "teams.list",
  method: "GET",
  path: "/api/admin/teams",
  summary:
    "Teams the caller can see (every team for the instance owner), and whether the caller may create one",
  access: "signed-in",
  response: z.object({ teams: z.array(teamSchema), canCreateTeams: z.boolean() }),
});

export const createTeam = endpoint({
  id: "teams.create",
  method: "POST",
  path: "/api/admin/teams",
  summary:
    "Create a team; the caller becomes its owner. The team may use the shared connections when the instance owner creates it",
  access: "team-creator",
  write: true,
  created: true,
  body: z.object({ name: teamNameSchema }),
  response: z.object({ team: teamSchema }),
});

export const teamSettingsBody = z
  .object({
    name: teamNameSchema,
    defaultModel: z.string().trim().max(200).nullable(),
    contentLogging: z.boolean(),
    failMode: z.enum(["open", "closed"]),
    timeZone: z.string().refine(isTimeZone, "Not a known IANA time zone"),
    responseStorage: z.boolean(),
    responseRetentionDays: z
      .number()
      .int("Whole days")
      .min(1, "At least 1 day")
      .max(3650, "At most 3650 days"),
  })
  .partial();

export const updateTeamSettings = endpoint({
  id: "teams.updateSettings",
  method: "PATCH",
  path: "/api/admin/teams/:teamId/settings",
  summary:
    "Change a team's name, default model, content logging, fail mode, time zone, or its stored responses (POST /v1/responses with store: on or off, and their retention in days; a new retention applies to responses stored from then on)",
  access: { team: "admin" },
  write: true,
  params: teamParams,
  body: teamSettingsBody,
  response: z.object({ team: teamSchema }),
});
