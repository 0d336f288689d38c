/**
 * Audit log endpoint: each contract of ../contract.ts with its handler. A new endpoint is its
 * contract plus one line here: server/admin/registry.ts collects this list, so the endpoint is
 * served (app/api/admin/[...path]), described in the OpenAPI document and walked by the
 * authorisation test.
 */
import { register } from "@/server/admin/register";
import { auditFacets, listAudit } from "../contract";
import { auditFacetsHandler, listAuditHandler } from "./list-audit";

export const auditRoutes = [
  register(listAudit, listAuditHandler),
  register(auditFacets, auditFacetsHandler),
];
