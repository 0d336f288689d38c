/**
 * Every management endpoint (/api/admin/*): matched by method and path against the registry
 * (server/admin/registry.ts). Endpoints are registered in features/<feature>/server/endpoints.ts,
 * not here. openapi.json beside this folder is a route of its own (a literal path wins).
 */
import { handleAdminRequest } from "@/server/admin/registry";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export {
  handleAdminRequest as GET,
  handleAdminRequest as POST,
  handleAdminRequest as PATCH,
  handleAdminRequest as PUT,
  handleAdminRequest as DELETE,
  handleAdminRequest as OPTIONS,
};
