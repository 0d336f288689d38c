import { providerCatalog } from "@/features/providers/contract";
import { providerCatalogHandler } from "@/features/providers/server/handlers";
import { route } from "@/server/admin/route";

export const dynamic = "force-dynamic";
export const GET = route(providerCatalog, providerCatalogHandler);
