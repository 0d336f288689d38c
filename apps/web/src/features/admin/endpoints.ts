/**
 * Every management endpoint, for the OpenAPI document and the authorisation test. Each feature
 * exports its own list from `features/<feature>/contract.ts`; add new lists here.
 */
import type { Endpoint } from "@/lib/contract";
import { adminTokenEndpoints } from "../admin-tokens/contract";
import { auditEndpoints } from "../audit/contract";
import { budgetEndpoints } from "../budgets/contract";
import { inviteEndpoints } from "../invites/contract";
import { keyEndpoints } from "../keys/contract";
import { memberEndpoints } from "../members/contract";
import { modelEndpoints } from "../models/contract";
import { policyEndpoints } from "../policies/contract";
import { providerEndpoints } from "../providers/contract";
import { requestLogEndpoints } from "../request-log/contract";
import { teamEndpoints } from "../teams/contract";
import { usageEndpoints } from "../usage/contract";

export const adminEndpoints: readonly Endpoint[] = [
  ...teamEndpoints,
  ...memberEndpoints,
  ...inviteEndpoints,
  ...keyEndpoints,
  ...adminTokenEndpoints,
  ...auditEndpoints,
  ...policyEndpoints,
  ...providerEndpoints,
  ...modelEndpoints,
  ...budgetEndpoints,
  ...usageEndpoints,
  ...requestLogEndpoints,
];
