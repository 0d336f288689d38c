import { publishPolicyVersion } from "@/features/policies/contract";
import { publishPolicyVersionHandler } from "@/features/policies/server/versions";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const POST = route(publishPolicyVersion, publishPolicyVersionHandler);
