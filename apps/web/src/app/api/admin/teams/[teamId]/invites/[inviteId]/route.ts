import { revokeInvite } from "@/features/invites/contract";
import { revokeInviteHandler } from "@/features/invites/server/invites";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const DELETE = route(revokeInvite, revokeInviteHandler);
