import { importSharedCatalogModels } from "@/features/providers/contract";
import { importSharedCatalogModelsHandler } from "@/features/providers/server/handlers";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const POST = route(importSharedCatalogModels, importSharedCatalogModelsHandler);
