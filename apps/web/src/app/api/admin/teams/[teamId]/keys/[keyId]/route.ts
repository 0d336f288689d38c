import { revokeKey } from "@/features/keys/contract";
import { revokeKeyHandler } from "@/features/keys/server/keys";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const DELETE = route(revokeKey, revokeKeyHandler);
