import { createKey, listKeys } from "@/features/keys/contract";
import { createKeyHandler, listKeysHandler } from "@/features/keys/server/keys";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const GET = route(listKeys, listKeysHandler);
export const POST = route(createKey, createKeyHandler);
