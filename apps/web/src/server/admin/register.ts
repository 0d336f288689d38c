/**
 * One management endpoint = one registration: its contract (features/<feature>/contract.ts) and
 * its handler, paired in the feature's `server/endpoints.ts`:
 *
 *   export const keyRoutes = [register(listKeys, listKeysHandler), ...];
 *
 * The handler's context is typed from the contract. `route()` (route.ts) does the shared work:
 * caller, access check, zod validation, audit, JSON. server/admin/registry.ts collects the
 * features' lists; the catch-all route, the OpenAPI document and the tests read them from there.
 */
import type { z } from "zod";
import type { Endpoint } from "@/lib/contract";
import { type HandlerContext, type RouteHandler, route } from "./route";

export interface Registration {
  endpoint: Endpoint;
  /** The endpoint as an HTTP handler; `params` are the path's values by name. */
  handle: RouteHandler;
}

export function register<E extends Endpoint>(
  endpoint: E,
  handler: (context: HandlerContext<E>) => Promise<z.input<E["response"]>>,
): Registration {
  return { endpoint, handle: route(endpoint, handler) };
}
