/**
 * The learned targets of published policies, as the gateway compiles them (candidates resolved
 * against the team's models, cheapest first): what training fits one artefact for per target.
 */
import type { RoutingSnapshot } from "@switchyard/core";
import type { LearnedTargetInfo } from "@switchyard/router";
import { ConfigState } from "./config-state";

export interface PolicyLearnedTargets {
  teamId: string;
  policyId: string;
  /** The published version the targets were read from. */
  versionId: string;
  alias: string;
  /** Empty when the policy has no learned target. */
  targets: readonly LearnedTargetInfo[];
  /** Why the published version does not compile (then `targets` is empty). */
  error?: string;
}

/** Each published policy's learned targets (optionally one team's, or one policy's). */
export function learnedTargetsOf(
  snapshot: RoutingSnapshot,
  filter: { teamId?: string; policyId?: string } = {},
): PolicyLearnedTargets[] {
  const policies = snapshot.policies.filter(
    (policy) =>
      (filter.teamId === undefined || policy.teamId === filter.teamId) &&
      (filter.policyId === undefined || policy.policyId === filter.policyId),
  );
  // No artefacts needed to read the targets: none is validated here.
  const state = new ConfigState({ ...snapshot, policies, learnedRouters: [] });
  return policies.map((policy) => {
    const compiled = state.compiled(policy);
    const base = {
      teamId: policy.teamId,
      policyId: policy.policyId,
      versionId: policy.versionId,
      alias: policy.alias,
    };
    return compiled instanceof Error
      ? { ...base, targets: [], error: compiled.message }
      : { ...base, targets: compiled.learnedTargets };
  });
}
