import { explainPolicy } from "@/features/policies/contract";
import { explainPolicyHandler } from "@/features/policies/server/explain-policy";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const POST = route(explainPolicy, explainPolicyHandler);
