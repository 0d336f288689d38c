/**
 * Every management endpoint, registered once. Adding an endpoint takes two steps: its zod contract
 * in features/<feature>/contract.ts (`endpoint()` from lib/contract.ts) and its handler, paired by
 * `register(contract, handler)` in the feature's server/endpoints.ts. A new feature adds its list
 * below. Everything else is derived from this list:
 *
 * - `handleAdminRequest`: the catch-all route app/api/admin/[...path]/route.ts (match-route.ts
 *   picks the endpoint by method and path; unknown path → 404, wrong method → 405, OPTIONS → the
 *   path's methods);
 * - `adminEndpoints`: the OpenAPI document (openapi.ts, /api/admin/openapi.json) and the
 *   authorisation test (authorization.int.test.ts), which walks every endpoint;
 * - `routeTable`: endpoint id → handler, for tests that call one endpoint directly.
 */
import { adminTokenRoutes } from "@/features/admin-tokens/server/endpoints";
import { auditRoutes } from "@/features/audit/server/endpoints";
import { budgetRoutes } from "@/features/budgets/server/endpoints";
import { demoDataRoutes } from "@/features/demo-data/server/endpoints";
import { instanceRoutes } from "@/features/instance/server/endpoints";
import { inviteRoutes } from "@/features/invites/server/endpoints";
import { keyRoutes } from "@/features/keys/server/endpoints";
import { learnedRouterRoutes } from "@/features/learned-routers/server/endpoints";
import { learningRoutes } from "@/features/learning/server/endpoints";
import { memberRoutes } from "@/features/members/server/endpoints";
import { modelRoutes } from "@/features/models/server/endpoints";
import { policyRoutes } from "@/features/policies/server/endpoints";
import { providerRoutes } from "@/features/providers/server/endpoints";
import { requestLogRoutes } from "@/features/request-log/server/endpoints";
import { spendRoutes } from "@/features/spend/server/endpoints";
import { statementRoutes } from "@/features/statement/server/endpoints";
import { teamRoutes } from "@/features/teams/server/endpoints";
import { usageRoutes } from "@/features/usage/server/endpoints";
import type { Endpoint } from "@/lib/contract";
import { methodNotAllowed, notFound } from "./errors";
import { createRouteMatcher } from "./match-route";
import type { Registration } from "./register";
import { errorResponse, type RouteHandler } from "./route";

export const registry: readonly Registration[] = [
  ...teamRoutes,
  ...memberRoutes,
  ...inviteRoutes,
  ...keyRoutes,
  ...adminTokenRoutes,
  ...auditRoutes,
  ...policyRoutes,
  ...learnedRouterRoutes,
  ...learningRoutes,
  ...providerRoutes,
  ...modelRoutes,
  ...budgetRoutes,
  ...usageRoutes,
  ...demoDataRoutes,
  ...spendRoutes,
  ...statementRoutes,
  ...requestLogRoutes,
  ...instanceRoutes,
];

export const adminEndpoints: readonly Endpoint[] = registry.map((r) => r.endpoint);

export const routeTable: Readonly<Record<string, RouteHandler>> = Object.fromEntries(
  registry.map((r) => [r.endpoint.id, r.handle]),
);

export const matchAdminRoute = createRouteMatcher(registry);

/** Serves any /api/admin/* request from the registry. */
export async function handleAdminRequest(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  const match = matchAdminRoute(request.method, pathname);
  if (match.kind === "found") {
    return match.entry.handle(request, { params: Promise.resolve(match.params) });
  }
  if (match.kind === "not-found") {
    return errorResponse(notFound(`No management endpoint at ${pathname}.`));
  }
  if (request.method === "OPTIONS") {
    const allow = [...match.allow, ...(match.allow.includes("GET") ? ["HEAD"] : []), "OPTIONS"];
    return new Response(null, { status: 204, headers: { allow: allow.sort().join(", ") } });
  }
  const response = errorResponse(methodNotAllowed(request.method, match.allow));
  response.headers.set("allow", match.allow.join(", "));
  return response;
}
