import { updateSharedModel } from "@/features/models/contract";
import { updateSharedModelHandler } from "@/features/models/server/handlers";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const PATCH = route(updateSharedModel, updateSharedModelHandler);
