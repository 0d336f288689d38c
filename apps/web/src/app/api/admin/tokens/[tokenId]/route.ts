import { revokeAdminToken } from "@/features/admin-tokens/contract";
import { revokeAdminTokenHandler } from "@/features/admin-tokens/server/admin-tokens";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const DELETE = route(revokeAdminToken, revokeAdminTokenHandler);
