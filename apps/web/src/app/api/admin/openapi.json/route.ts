import { adminEndpoints } from "@/features/admin/endpoints";
import { buildOpenApi } from "@/server/admin/openapi";

export const dynamic = "force-static";
export const GET = () => Response.json(buildOpenApi(adminEndpoints));
