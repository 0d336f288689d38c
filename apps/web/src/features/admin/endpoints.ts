/**
 * Every management endpoint, for the OpenAPI document and the authorisation test. Each feature
 * exports its own list from `features/<feature>/contract.ts`; add new lists here.
 */
import type { Endpoint } from "@/lib/contract";
import { teamEndpoints } from "../teams/contract";

export const adminEndpoints: readonly Endpoint[] = [...teamEndpoints];
