import { acceptInvite } from "@/features/invites/contract";
import { acceptInviteHandler } from "@/features/invites/server/accept-invite";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const POST = route(acceptInvite, acceptInviteHandler);
