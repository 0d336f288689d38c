/** Compiles a policy body once into a decision function (see README.md "Policy format"). */
import { invalidRequest, type ModelInfo } from "@switchyard/core";
import type { ComplexityClassifier } from "../classifier/complexity-classifier";
import type { QualityScorer } from "../scorer/quality-scorer";
import { shippedClassifier, shippedScorer } from "../shipped-weights";
import { gate, priceOrder } from "./capability-gate";
import { compileCondition, type Predicate } from "./conditions";
import { PolicyError } from "./policy-error";
import { RequestView, type RoutingRequest, requiredCapabilities } from "./request";
import { type PolicyBody, policySchema, type Target } from "./schema";
import { type PlanStep, type RouteTrace, type RoutingDecision, routeHeader } from "./trace";
import { type Random, weightedChoice } from "./weighted-choice";

export interface PolicyContext {
  models: readonly ModelInfo[];
  /** Defaults to the shipped weights (weights/classifier.json). */
  classifier?: ComplexityClassifier;
  /** Defaults to the shipped weights (weights/scorer.json). */
  scorer?: QualityScorer;
  /** For weighted deployment choice; defaults to Math.random. */
  random?: Random;
}

export interface CascadeScorer {
  scorer: QualityScorer;
  threshold: number;
  /** Set when the policy names an LLM judge: the gateway asks it to grade the cheap answer. */
  judge?: { model: string; threshold: number };
}

export interface CompiledPolicy {
  readonly body: PolicyBody;
  readonly defaultModel: string;
  readonly baselineModel: string;
  /** Set when the policy has a cascade section: pass to cascadeDecision(). */
  readonly cascadeScorer: CascadeScorer | null;
  readonly classifier: ComplexityClassifier | null;
  decide(request: RoutingRequest): RoutingDecision;
  /** Which rules match (all evaluated, for the console), then the decision itself. */
  matchRules(request: RoutingRequest): { name: string; matched: boolean }[];
}

export function compilePolicy(body: unknown, context: PolicyContext): CompiledPolicy {
  const parsed = policySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PolicyError(issue?.path ?? [], issue?.message ?? "invalid policy");
  }
  const policy = parsed.data;
  const byName = new Map<string, ModelInfo>();
  for (const model of context.models) {
    byName.set(model.name, model);
    for (const alias of model.aliases) if (!byName.has(alias)) byName.set(alias, model);
  }
  const resolve = (name: string, path: PropertyKey[]): string => {
    const model = byName.get(name);
    if (!model) throw new PolicyError(path, `unknown model "${name}"`);
    return model.name;
  };
  const defaultModel = resolve(policy.defaultModel, ["defaultModel"]);
  const baselineModel = resolve(policy.baselineModel, ["baselineModel"]);
  const classifierConfig = policy.classifier && {
    cheap: resolve(policy.classifier.cheap, ["classifier", "cheap"]),
    strong: resolve(policy.classifier.strong, ["classifier", "strong"]),
    threshold: policy.classifier.threshold,
  };
  const cascadeConfig = policy.cascade && {
    cheap: resolve(policy.cascade.cheap, ["cascade", "cheap"]),
    strong: resolve(policy.cascade.strong, ["cascade", "strong"]),
    threshold: policy.cascade.threshold,
    ...(policy.cascade.judge && {
      judge: {
        model: resolve(policy.cascade.judge.model, ["cascade", "judge", "model"]),
        threshold: policy.cascade.judge.threshold,
      },
    }),
  };
  const checkStrategy = (strategy: string, path: PropertyKey[]) => {
    if (strategy === "classifier" && !classifierConfig)
      throw new PolicyError(path, 'strategy "classifier" needs a classifier section');
    if (strategy === "cascade" && !cascadeConfig)
      throw new PolicyError(path, 'strategy "cascade" needs a cascade section');
  };
  const rules = policy.rules.map((rule, i) => {
    const when: Predicate = compileCondition(rule.when, ["rules", i, "when"], byName);
    let target: Target = rule.target;
    if ("model" in target)
      target = { model: resolve(target.model, ["rules", i, "target", "model"]) };
    else checkStrategy(target.strategy, ["rules", i, "target", "strategy"]);
    return { name: rule.name, when, target };
  });
  if (policy.otherwise !== "default") checkStrategy(policy.otherwise, ["otherwise"]);
  const fallbacks = new Map<string, string[]>();
  for (const [model, list] of Object.entries(policy.fallbacks)) {
    fallbacks.set(
      resolve(model, ["fallbacks", model]),
      list.map((name, i) => resolve(name, ["fallbacks", model, i])),
    );
  }
  const weights = new Map<string, { model: string; weight: number }[]>();
  for (const [model, list] of Object.entries(policy.weights)) {
    weights.set(
      resolve(model, ["weights", model]),
      list.map((entry, i) => ({
        model: resolve(entry.model, ["weights", model, i, "model"]),
        weight: entry.weight,
      })),
    );
  }
  const usesClassifier =
    !!classifierConfig &&
    (policy.otherwise === "classifier" ||
      rules.some((r) => "strategy" in r.target && r.target.strategy === "classifier"));
  const classifier = usesClassifier
    ? (context.classifier ?? shippedClassifier())
    : (context.classifier ?? null);
  const cascadeScorer: CascadeScorer | null = cascadeConfig
    ? {
        scorer: context.scorer ?? shippedScorer(),
        threshold: cascadeConfig.threshold,
        ...(cascadeConfig.judge && { judge: cascadeConfig.judge }),
      }
    : null;
  const ordered = priceOrder(context.models);
  const random = context.random ?? Math.random;
  const model = (name: string) => byName.get(name) as ModelInfo;

  function decide(request: RoutingRequest): RoutingDecision {
    const view = new RequestView(request);
    const trace: RouteTrace = { gates: [], fallbacks: [], reason: "" };
    let target: Target | null = null;
    for (const rule of rules) {
      if (rule.when(view)) {
        trace.rule = rule.name;
        target = rule.target;
        break;
      }
    }
    if (target === null)
      target =
        policy.otherwise === "default" ? { model: defaultModel } : { strategy: policy.otherwise };
    const needed = requiredCapabilities(request);
    const tokens = request.estimatedInputTokens;
    let primary: string;
    let strategy: "direct" | "cascade" = "direct";
    let cascade: RoutingDecision["cascade"];
    let primaryReason = trace.rule ? `rule:${trace.rule}` : "default";
    if ("model" in target) primary = target.model;
    else if (target.strategy === "classifier" && classifierConfig && classifier) {
      const { text, turns } = view.prompt;
      const score = classifier.score(text, turns);
      trace.classifier = { score, threshold: classifierConfig.threshold };
      primary =
        score >= classifierConfig.threshold ? classifierConfig.strong : classifierConfig.cheap;
      primaryReason = "classifier";
    } else if (cascadeConfig) {
      const preCall = preCallScore(cascadeScorer, view);
      if (preCall !== null) {
        // Nothing for the local scorer to read in the answer: decide now, without the cheap call.
        trace.preCall = { score: preCall, threshold: cascadeConfig.threshold };
        primary = preCall < cascadeConfig.threshold ? cascadeConfig.strong : cascadeConfig.cheap;
        primaryReason = "cascade-precall";
      } else {
        const strong = gate(model(cascadeConfig.strong), ordered, needed, tokens, trace.gates);
        primary = cascadeConfig.cheap;
        trace.cascade = {
          cheap: cascadeConfig.cheap,
          strong: strong?.name ?? cascadeConfig.strong,
          threshold: cascadeConfig.threshold,
          ...(cascadeConfig.judge && { judge: cascadeConfig.judge }),
        };
        strategy = "cascade";
        cascade = { ...cascadeConfig, strong: strong?.name ?? cascadeConfig.strong };
        primaryReason = "cascade-cheap";
      }
    } else primary = defaultModel;

    const original = primary;
    const gated = gate(model(primary), ordered, needed, tokens, trace.gates);
    if (!gated)
      throw invalidRequest(
        `no configured model can serve this request (needs ${needed.join(", ") || "a larger context window"})`,
        null,
        "no_capable_model",
      );
    primary = gated.name;
    if (strategy === "cascade" && cascade && primary === cascade.strong) {
      strategy = "direct";
      cascade = undefined;
      delete trace.cascade;
    }
    const deployments = weights
      .get(primary)
      ?.filter((d) => gate(model(d.model), [], needed, tokens, []) !== null);
    if (deployments && deployments.length > 0) {
      const chosen = weightedChoice(deployments, random);
      if (chosen && chosen.model !== primary) {
        trace.weighted = { from: primary, to: chosen.model };
        primary = chosen.model;
      }
    }
    const plan: PlanStep[] = [{ model: primary, reason: primaryReason }];
    // Fallbacks: the other equivalent deployments, then the target's list, then the gated model's.
    const candidates = [
      ...(deployments ?? []).map((d) => d.model),
      ...(fallbacks.get(original) ?? []),
      ...(gated.name === original ? [] : (fallbacks.get(gated.name) ?? [])),
    ];
    for (const name of candidates) {
      if (plan.some((step) => step.model === name)) continue;
      if (gate(model(name), [], needed, tokens, []) === null) continue;
      plan.push({ model: name, reason: "fallback" });
      trace.fallbacks.push(name);
    }
    trace.reason = routeHeader(trace);
    return cascade ? { plan, strategy, cascade, trace } : { plan, strategy, trace };
  }

  return {
    body: policy,
    defaultModel,
    baselineModel,
    cascadeScorer,
    classifier,
    decide,
    matchRules(request) {
      const view = new RequestView(request);
      return rules.map((rule) => ({ name: rule.name, matched: rule.when(view) }));
    },
  };
}

/** The scorer's pre-call score for a local-scorer cascade (an LLM judge reads any answer). */
function preCallScore(cascade: CascadeScorer | null, view: RequestView): number | null {
  if (!cascade || cascade.judge !== undefined || cascade.scorer.preCall === undefined) return null;
  const { text, turns } = view.prompt;
  return cascade.scorer.preCall(text, turns);
}
