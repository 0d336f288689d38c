import { listMembers } from "@/features/members/contract";
import { listMembersHandler } from "@/features/members/server/members";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const GET = route(listMembers, listMembersHandler);
