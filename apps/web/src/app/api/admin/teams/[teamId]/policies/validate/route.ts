import { validatePolicy } from "@/features/policies/contract";
import { validatePolicyHandler } from "@/features/policies/server/versions";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const POST = route(validatePolicy, validatePolicyHandler);
