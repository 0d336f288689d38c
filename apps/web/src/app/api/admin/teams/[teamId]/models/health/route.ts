import { modelsHealth } from "@/features/models/contract";
import { modelsHealthHandler } from "@/features/models/server/model-health";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const GET = route(modelsHealth, modelsHealthHandler);
