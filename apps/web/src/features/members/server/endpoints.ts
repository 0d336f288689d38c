/**
 * Team member endpoints: each contract of ../contract.ts with its handler. A new endpoint is its
 * contract plus one line here: server/admin/registry.ts collects this list, so the endpoint is
 * served (app/api/admin/[...path]), described in the OpenAPI document and walked by the
 * authorisation test.
 */
import { register } from "@/server/admin/register";
import { listMembers, removeMember, updateMember } from "../contract";
import { listMembersHandler, removeMemberHandler, updateMemberHandler } from "./members";

export const memberRoutes = [
  register(listMembers, listMembersHandler),
  register(updateMember, updateMemberHandler),
  register(removeMember, removeMemberHandler),
];
