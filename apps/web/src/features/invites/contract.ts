import { z } from "zod";
import { endpoint } from "@/lib/contract";
import { roleSchema, teamSchema } from "../teams/contract";

export const inviteSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  expiresAt: z.string(),
  acceptedAt: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type InviteView = z.infer<typeof inviteSchema>;

const teamParams = z.object({ teamId: z.string().min(1) });

export const listInvites = endpoint({
  id: "invites.list",
  method: "GET",
  path: "/api/admin/teams/:teamId/invites",
  summary: "Open and accepted invites of the team",
  access: { team: "admin" },
  params: teamParams,
  response: z.object({ invites: z.array(inviteSchema) }),
});

export const createInvite = endpoint({
  id: "invites.create",
  method: "POST",
  path: "/api/admin/teams/:teamId/invites",
  summary: "Invite someone by email; the one-time link is returned once",
  access: { team: "admin" },
  write: true,
  created: true,
  params: teamParams,
  body: z.object({
    email: z.string().trim().toLowerCase().pipe(z.email("Enter an email address")),
    role: roleSchema,
  }),
  response: z.object({ invite: inviteSchema, token: z.string(), path: z.string() }),
});

export const revokeInvite = endpoint({
  id: "invites.revoke",
  method: "DELETE",
  path: "/api/admin/teams/:teamId/invites/:inviteId",
  summary: "Withdraw an invite that was not accepted yet",
  access: { team: "admin" },
  write: true,
  params: z.object({ teamId: z.string().min(1), inviteId: z.string().min(1) }),
  response: z.object({ revoked: z.literal(true) }),
});

export const acceptInvite = endpoint({
  id: "invites.accept",
  method: "POST",
  path: "/api/admin/invites/:token/accept",
  summary: "Join the invite's team as the signed-in user",
  access: "signed-in",
  write: true,
  params: z.object({ token: z.string().min(1) }),
  response: z.object({ team: teamSchema }),
});
