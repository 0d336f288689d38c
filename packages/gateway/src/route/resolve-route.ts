import {
  type ApiKeyInfo,
  type ChatCompletionRequest,
  type ModelInfo,
  notFound,
} from "@switchyard/core";
import { z } from "zod";
import { AUTO_MODEL, type ConfigState } from "../config/config-state";

export interface RouteAttempt {
  model: ModelInfo;
  /** Why this attempt is in the plan: "requested", "policy-default", "team-default", "fallback". */
  reason: string;
}

export interface RouteDecision {
  /** Ordered attempts: the first is the primary target, the rest fallbacks. */
  plan: RouteAttempt[];
  /** Why, for headers, logs and the console. */
  trace: { steps: string[] };
  /** Short reason of the primary target (the x-switchyard-route header). */
  reason: string;
  policyVersionId: string | null;
  /** Reference model for the baseline cost. */
  baselineModel: ModelInfo | null;
}

export interface RouteInput {
  requestedModel: string;
  request: ChatCompletionRequest;
  key: ApiKeyInfo;
  config: ConfigState;
}

/** The fields of a policy body this resolver reads; the router package owns the full schema. */
const policyDefaultsSchema = z.looseObject({
  defaultModel: z.string().min(1).optional(),
  baselineModel: z.string().min(1).optional(),
});

const fallbacksSchema = z.array(z.string().min(1));

function withFallbacks(primary: RouteAttempt, config: ConfigState, teamId: string): RouteAttempt[] {
  const plan = [primary];
  const parsed = fallbacksSchema.safeParse(primary.model.settings.fallbacks);
  if (!parsed.success) return plan;
  for (const name of parsed.data) {
    const model = config.modelFor(name, teamId);
    if (model !== undefined && !plan.some((attempt) => attempt.model.id === model.id)) {
      plan.push({ model, reason: "fallback" });
    }
  }
  return plan;
}

const modelNotFound = (name: string) =>
  notFound(
    `The model '${name}' does not exist or you do not have access to it.`,
    "model_not_found",
    "model",
  );

/**
 * Decide where a request goes. The single seam the routing engine (packages/router) replaces:
 * a real model or alias goes to that model; `switchyard/auto` or a published policy alias goes to
 * the policy's `defaultModel`, else the team's default model. Each target is followed by its
 * `settings.fallbacks`.
 */
export function resolveRoute(input: RouteInput): RouteDecision {
  const { requestedModel, config, key } = input;
  const teamId = key.teamId;
  const steps: string[] = [];
  const direct = config.modelFor(requestedModel, teamId);
  if (direct !== undefined) {
    steps.push(`requested model '${requestedModel}' → ${direct.name}`);
    const plan = withFallbacks({ model: direct, reason: "requested" }, config, teamId);
    return {
      plan,
      trace: { steps },
      reason: "requested",
      policyVersionId: null,
      baselineModel: config.premiumModel,
    };
  }
  const policy = config.policyFor(teamId, requestedModel);
  if (policy === undefined && requestedModel !== AUTO_MODEL) throw modelNotFound(requestedModel);
  const defaults = policy === undefined ? undefined : policyDefaultsSchema.safeParse(policy.body);
  const policyBody = defaults?.success ? defaults.data : {};
  let reason = "team-default";
  let targetName = key.team.defaultModel;
  if (policyBody.defaultModel !== undefined) {
    reason = "policy-default";
    targetName = policyBody.defaultModel;
    steps.push(`policy ${policy?.alias} v${policy?.version}: defaultModel ${targetName}`);
  } else {
    steps.push(`team default model ${targetName ?? "(none)"}`);
  }
  if (targetName === null) {
    throw notFound(
      `'${requestedModel}' has no target: the team has no published policy default and no default model.`,
      "model_not_found",
      "model",
    );
  }
  const target = config.modelFor(targetName, teamId);
  if (target === undefined) throw modelNotFound(targetName);
  const baseline =
    policyBody.baselineModel === undefined
      ? undefined
      : config.modelFor(policyBody.baselineModel, teamId);
  return {
    plan: withFallbacks({ model: target, reason }, config, teamId),
    trace: { steps },
    reason,
    policyVersionId: policy?.versionId ?? null,
    baselineModel: baseline ?? config.premiumModel,
  };
}
