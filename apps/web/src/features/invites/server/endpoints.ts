/**
 * Invite endpoints: each contract of ../contract.ts with its handler. A new endpoint is its
 * contract plus one line here: server/admin/registry.ts collects this list, so the endpoint is
 * served (app/api/admin/[...path]), described in the OpenAPI document and walked by the
 * authorisation test.
 */
import { register } from "@/server/admin/register";
import { acceptInvite, createInvite, listInvites, revokeInvite } from "../contract";
import { acceptInviteHandler } from "./accept-invite";
import { createInviteHandler, listInvitesHandler, revokeInviteHandler } from "./invites";

export const inviteRoutes = [
  register(listInvites, listInvitesHandler),
  register(createInvite, createInviteHandler),
  register(revokeInvite, revokeInviteHandler),
  register(acceptInvite, acceptInviteHandler),
];
