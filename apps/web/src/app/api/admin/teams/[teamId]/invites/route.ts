import { createInvite, listInvites } from "@/features/invites/contract";
import { createInviteHandler, listInvitesHandler } from "@/features/invites/server/invites";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const GET = route(listInvites, listInvitesHandler);
export const POST = route(createInvite, createInviteHandler);
