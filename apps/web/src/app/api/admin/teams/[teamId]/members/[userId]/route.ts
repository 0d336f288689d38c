import { removeMember, updateMember } from "@/features/members/contract";
import { removeMemberHandler, updateMemberHandler } from "@/features/members/server/members";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const PATCH = route(updateMember, updateMemberHandler);
export const DELETE = route(removeMember, removeMemberHandler);
