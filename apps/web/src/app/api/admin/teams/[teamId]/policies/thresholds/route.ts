import { policyThresholds } from "@/features/policies/contract";
import { policyThresholdsHandler } from "@/features/policies/server/threshold-tables";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const GET = route(policyThresholds, policyThresholdsHandler);
