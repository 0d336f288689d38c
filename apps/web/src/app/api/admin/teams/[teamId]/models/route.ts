import { listModels } from "@/features/models/contract";
import { listModelsHandler } from "@/features/models/server/handlers";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const GET = route(listModels, listModelsHandler);
