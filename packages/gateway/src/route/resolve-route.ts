import {
  type ApiKeyInfo,
  type ChatCompletionRequest,
  type ModelInfo,
  notFound,
  type PublishedPolicy,
} from "@switchyard/core";
import type {
  CascadeScorer,
  CompiledLearning,
  CompiledPolicy,
  RoutingRequest,
} from "@switchyard/router";
import { z } from "zod";
import { AUTO_MODEL, type ConfigState } from "../config/config-state";
import type { RequestTrace } from "./request-trace";
import { toRoutingRequest } from "./routing-request";

export interface RouteAttempt {
  model: ModelInfo;
  /** Why this attempt is in the plan: "requested", "rule:…", "classifier", "fallback"… */
  reason: string;
}

/** A cascade: the plan's first target is the cheap model; escalate to `strongPlan` when its answer scores low. */
export interface CascadeRoute {
  strongPlan: RouteAttempt[];
  scorer: CascadeScorer;
  routingRequest: RoutingRequest;
}

/** A policy route whose policy collects outcomes (its `learning` block): what sampling reads. */
export interface RouteLearning {
  policyId: string;
  settings: CompiledLearning;
  routingRequest: RoutingRequest;
  /** The rule that matched, if any (a private rule's requests are never sampled). */
  rule: string | undefined;
  /** The learned target's minQuality (its boundary, for planning a sample's calls). */
  minQuality: number;
}

/** The boundary a sample's plan assumes when the route was not a learned decision. */
const DEFAULT_PLAN_MIN_QUALITY = 0.95;

export interface RouteDecision {
  /** Ordered attempts: the first is the primary target, the rest fallbacks. */
  plan: RouteAttempt[];
  /** Why, for logs and the console (the router's trace for policy routes). */
  trace: RequestTrace;
  /** Short reason of the decision (the x-switchyard-route header), e.g. "rule:long-docs". */
  reason: string;
  policyVersionId: string | null;
  /** Reference model for the baseline cost. */
  baselineModel: ModelInfo | null;
  cascade: CascadeRoute | null;
  /** Set when the route ran a policy with a `learning` block. */
  learning?: RouteLearning;
  /** Set when the route ran a policy with a response `cache`. */
  cache?: { ttlSeconds: number; anyTemperature: boolean };
}

export interface RouteInput {
  requestedModel: string;
  request: ChatCompletionRequest;
  key: ApiKeyInfo;
  config: ConfigState;
  /** Task the caller declared (x-switchyard-task header). */
  task?: string | undefined;
  /** The request's tags (route/request-tags.ts), for the learned strategy. */
  tags?: string[];
  /** Called once per snapshot when a published policy cannot be compiled (requests then use its defaults). */
  onPolicyError?: (policy: PublishedPolicy, error: Error) => void;
}

/** What the simple path reads from a policy body that did not compile. */
const policyDefaultsSchema = z.looseObject({
  defaultModel: z.string().min(1).optional(),
  baselineModel: z.string().min(1).optional(),
});

const modelNotFound = (name: string) =>
  notFound(
    `The model '${name}' does not exist or you do not have access to it.`,
    "model_not_found",
    "model",
  );

/** Append each target's `settings.fallbacks` (known, not yet planned) after the plan's own steps. */
function withModelFallbacks(
  plan: RouteAttempt[],
  config: ConfigState,
  teamId: string,
): RouteAttempt[] {
  const out = [...plan];
  for (const step of plan) {
    for (const name of config.fallbacksOf(step.model)) {
      const model = config.modelFor(name, teamId);
      if (model !== undefined && !out.some((attempt) => attempt.model.id === model.id)) {
        out.push({ model, reason: "fallback" });
      }
    }
  }
  return out;
}

function target(config: ConfigState, name: string, teamId: string, reason: string): RouteAttempt {
  const model = config.modelFor(name, teamId);
  if (model === undefined) throw modelNotFound(name);
  return { model, reason };
}

function policyRoute(
  input: RouteInput,
  policy: PublishedPolicy,
  compiled: CompiledPolicy,
): RouteDecision {
  const { config, key } = input;
  const routingRequest = toRoutingRequest(input.request, {
    requestedModel: input.requestedModel,
    keyId: key.id,
    teamId: key.teamId,
    task: input.task,
    tags: input.tags ?? [],
  });
  const decision = compiled.decide(routingRequest);
  const plan = decision.plan.map((step) => target(config, step.model, key.teamId, step.reason));
  let cascade: CascadeRoute | null = null;
  if (decision.strategy === "cascade" && decision.cascade && compiled.cascadeScorer) {
    const strong = target(config, decision.cascade.strong, key.teamId, "cascade-strong");
    cascade = {
      strongPlan: withModelFallbacks([strong], config, key.teamId),
      scorer: compiled.cascadeScorer,
      routingRequest,
    };
  }
  return {
    plan: withModelFallbacks(plan, config, key.teamId),
    trace: { policy: policy.alias, version: policy.version, ...decision.trace },
    reason: decision.trace.reason,
    policyVersionId: policy.versionId,
    baselineModel:
      config.modelFor(compiled.baselineModel, key.teamId) ?? config.premiumModelFor(key.teamId),
    cascade,
    ...(compiled.body.cache !== undefined && { cache: compiled.body.cache }),
    ...(compiled.learning !== null && {
      learning: {
        policyId: policy.policyId,
        settings: compiled.learning,
        routingRequest,
        rule: decision.trace.rule,
        minQuality: decision.trace.learned?.minQuality ?? DEFAULT_PLAN_MIN_QUALITY,
      },
    }),
  };
}

/**
 * Decide where a request goes; the one seam between the pipeline and routing. A real model or
 * alias goes to that model. `switchyard/auto` or a published policy alias runs the team's policy
 * through the routing engine (rules, classifier, cascade, policy fallbacks, weights); without a
 * policy (or with one that does not compile) it goes to the policy body's `defaultModel`, else the
 * team's default model. Every target is followed by its model's `settings.fallbacks`.
 */
export function resolveRoute(input: RouteInput): RouteDecision {
  const { requestedModel, config, key } = input;
  const teamId = key.teamId;
  const direct = config.modelFor(requestedModel, teamId);
  if (direct !== undefined) {
    return {
      plan: withModelFallbacks([{ model: direct, reason: "requested" }], config, teamId),
      trace: { steps: [`requested model '${requestedModel}' → ${direct.name}`] },
      reason: "requested",
      policyVersionId: null,
      baselineModel: config.premiumModelFor(teamId),
      cascade: null,
    };
  }
  const policy = config.policyFor(teamId, requestedModel);
  if (policy === undefined && requestedModel !== AUTO_MODEL) throw modelNotFound(requestedModel);
  if (policy !== undefined) {
    const compiled = config.compiled(policy, (error) => input.onPolicyError?.(policy, error));
    if (!(compiled instanceof Error)) return policyRoute(input, policy, compiled);
  }
  const parsed = policy === undefined ? undefined : policyDefaultsSchema.safeParse(policy.body);
  const defaults = parsed?.success ? parsed.data : {};
  const reason = defaults.defaultModel === undefined ? "team-default" : "policy-default";
  // The snapshot's team is fresher than the one cached with the key.
  const team = config.teamsById.get(teamId) ?? key.team;
  const targetName = defaults.defaultModel ?? team.defaultModel;
  if (targetName === null) {
    throw notFound(
      `'${requestedModel}' has no target: the team has no published policy and no default model.`,
      "model_not_found",
      "model",
    );
  }
  const baseline =
    defaults.baselineModel === undefined
      ? undefined
      : config.modelFor(defaults.baselineModel, teamId);
  return {
    plan: withModelFallbacks([target(config, targetName, teamId, reason)], config, teamId),
    trace: { steps: [`${reason}: ${targetName}`] },
    reason,
    policyVersionId: policy?.versionId ?? null,
    baselineModel: baseline ?? config.premiumModelFor(teamId),
    cascade: null,
  };
}
