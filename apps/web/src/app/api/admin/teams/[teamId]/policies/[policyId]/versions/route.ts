import { createPolicyVersion } from "@/features/policies/contract";
import { createPolicyVersionHandler } from "@/features/policies/server/versions";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const POST = route(createPolicyVersion, createPolicyVersionHandler);
