import { getPolicy } from "@/features/policies/contract";
import { getPolicyHandler } from "@/features/policies/server/policies";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const GET = route(getPolicy, getPolicyHandler);
