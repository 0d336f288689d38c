import { updateModel } from "@/features/models/contract";
import { updateModelHandler } from "@/features/models/server/handlers";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const PATCH = route(updateModel, updateModelHandler);
