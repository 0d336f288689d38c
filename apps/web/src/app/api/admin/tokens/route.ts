import { createAdminToken, listAdminTokens } from "@/features/admin-tokens/contract";
import {
  createAdminTokenHandler,
  listAdminTokensHandler,
} from "@/features/admin-tokens/server/admin-tokens";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const GET = route(listAdminTokens, listAdminTokensHandler);
export const POST = route(createAdminToken, createAdminTokenHandler);
