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
  /** The caller's role in the team ("owner" for the instance owner). */
  role: roleSchema,
  createdAt: z.string(),
});
export type TeamView = z.infer<typeof teamSchema>;

export const listTeams = endpoint({
  id: "teams.list",
  method: "GET",
  path: "/api/admin/teams",
  summary: "Teams the caller can see (every team for the instance owner)",
  access: "signed-in",
  response: z.object({ teams: z.array(teamSchema) }),
});

export const teamEndpoints = [listTeams] as const;
