import { listKeyScopes } from "@/features/keys/contract";
import { listKeyScopesHandler } from "@/features/keys/server/keys";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const GET = route(listKeyScopes, listKeyScopesHandler);
