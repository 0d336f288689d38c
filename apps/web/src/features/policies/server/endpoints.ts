/**
 * Routing policy endpoints: each contract of ../contract.ts with its handler. A new endpoint is
 * its contract plus one line here: server/admin/registry.ts collects this list, so the endpoint is
 * served (app/api/admin/[...path]), described in the OpenAPI document and walked by the
 * authorisation test.
 */
import { register } from "@/server/admin/register";
import {
  createPolicy,
  createPolicyVersion,
  explainPolicy,
  getPolicy,
  listPolicies,
  policyThresholds,
  publishPolicyVersion,
  validatePolicy,
} from "../contract";
import { explainPolicyHandler } from "./explain-policy";
import { createPolicyHandler, getPolicyHandler, listPoliciesHandler } from "./policies";
import { policyThresholdsHandler } from "./threshold-tables";
import {
  createPolicyVersionHandler,
  publishPolicyVersionHandler,
  validatePolicyHandler,
} from "./versions";

export const policyRoutes = [
  register(listPolicies, listPoliciesHandler),
  register(createPolicy, createPolicyHandler),
  register(getPolicy, getPolicyHandler),
  register(createPolicyVersion, createPolicyVersionHandler),
  register(publishPolicyVersion, publishPolicyVersionHandler),
  register(validatePolicy, validatePolicyHandler),
  register(explainPolicy, explainPolicyHandler),
  register(policyThresholds, policyThresholdsHandler),
];
