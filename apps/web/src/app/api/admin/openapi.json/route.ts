import { buildOpenApi } from "@/server/admin/openapi";
import { adminEndpoints } from "@/server/admin/registry";

export const dynamic = "force-static";
export const GET = () => Response.json(buildOpenApi(adminEndpoints));
