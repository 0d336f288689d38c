import { z } from "zod";
import { endpoint } from "@/lib/contract";
import { roleSchema } from "../teams/contract";

export const memberSchema = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: roleSchema,
  joinedAt: z.string(),
});
export type MemberView = z.infer<typeof memberSchema>;

const memberParams = z.object({ teamId: z.string().min(1), userId: z.string().min(1) });

export const listMembers = endpoint({
  id: "members.list",
  method: "GET",
  path: "/api/admin/teams/:teamId/members",
  summary: "The team's members and their roles",
  access: { team: "viewer" },
  params: z.object({ teamId: z.string().min(1) }),
  response: z.object({ members: z.array(memberSchema) }),
});

export const updateMember = endpoint({
  id: "members.update",
  method: "PATCH",
  path: "/api/admin/teams/:teamId/members/:userId",
  summary: "Change a member's role (only owners make owners; the last owner stays)",
  access: { team: "admin" },
  write: true,
  params: memberParams,
  body: z.object({ role: roleSchema }),
  response: z.object({ member: memberSchema }),
});

export const removeMember = endpoint({
  id: "members.remove",
  method: "DELETE",
  path: "/api/admin/teams/:teamId/members/:userId",
  summary: "Remove a member from the team (the last owner stays)",
  access: { team: "admin" },
  write: true,
  params: memberParams,
  response: z.object({ removed: z.literal(true) }),
});
