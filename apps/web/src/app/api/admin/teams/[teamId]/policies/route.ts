import { createPolicy, listPolicies } from "@/features/policies/contract";
import { createPolicyHandler, listPoliciesHandler } from "@/features/policies/server/policies";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const GET = route(listPolicies, listPoliciesHandler);
export const POST = route(createPolicy, createPolicyHandler);
