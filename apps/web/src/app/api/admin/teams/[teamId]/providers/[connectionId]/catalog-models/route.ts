import { importCatalogModels } from "@/features/providers/contract";
import { importCatalogModelsHandler } from "@/features/providers/server/handlers";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const POST = route(importCatalogModels, importCatalogModelsHandler);
