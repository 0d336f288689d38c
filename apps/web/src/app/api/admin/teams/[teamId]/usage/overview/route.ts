import { getOverview } from "@/features/usage/contract";
import { overviewHandler } from "@/features/usage/server/overview";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const GET = route(getOverview, overviewHandler);
