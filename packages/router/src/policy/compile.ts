/** Compiles a policy body once into a decision function (see README.md "Policy format"). */
import { invalidRequest, isEmbeddingModel, type ModelInfo } from "@switchyard/core";
import { preCallScore } from "../cascade/cascade-decision";
import { compileLearnedCascade } from "../cascade/learned-cascade";
import type { ComplexityClassifier } from "../classifier/complexity-classifier";
import {
  compileLearnedTarget,
  type LearnedRouterSource,
  type LearnedTargetInfo,
  type LearnedTrace,
  learnedKey,
} from "../learned/learned-strategy";
import type { QualityScorer } from "../scorer/quality-scorer";
import { shippedClassifier, shippedScorer } from "../shipped-weights";
import { blendedPrice, gate, priceOrder } from "./capability-gate";
import { compileCondition, type Predicate } from "./conditions";
import { type CompiledLearning, compileLearning } from "./learning";
import { PolicyError, reportedIssue } from "./policy-error";
import { RequestView, type RoutingRequest, requiredCapabilities } from "./request";
import { type LearnedTarget, type PolicyBody, policySchema } from "./schema";
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
  /**
   * The policy's current learned-router artefact for a learned target (its candidates and key),
   * or undefined before there is one: the target then routes by the classifier prior. Called on
   * every decision that reaches a learned target, so a retrained artefact applies at once; each
   * artefact object is loaded once (validate stored ones with parseLearnedRouter).
   */
  learnedRouter?: LearnedRouterSource;
}

type CompiledTarget =
  | { model: string }
  | { strategy: "classifier" | "cascade" }
  | { strategy: "learned"; learned: (view: RequestView) => LearnedTrace };

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
  /** The policy's learned targets: which artefacts (model sets) the gateway trains and serves. */
  readonly learnedTargets: readonly LearnedTargetInfo[];
  /** The policy's outcome collection (calibration sampling), or null without a `learning` block. */
  readonly learning: CompiledLearning | null;
  decide(request: RoutingRequest): RoutingDecision;
  /** Which rules match (all evaluated, for the console), then the decision itself. */
  matchRules(request: RoutingRequest): { name: string; matched: boolean }[];
}

export function compilePolicy(body: unknown, context: PolicyContext): CompiledPolicy {
  const parsed = policySchema.safeParse(body);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const issue = first && reportedIssue(first as Parameters<typeof reportedIssue>[0]);
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
    if (isEmbeddingModel(model))
      throw new PolicyError(path, `"${name}" is an embedding model: it cannot answer a chat`);
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
  const learnedTargets: LearnedTargetInfo[] = [];
  let priorClassifier: ComplexityClassifier | null = null;
  const learnedTarget = (target: LearnedTarget, path: PropertyKey[]): CompiledTarget => {
    const names = target.models.map((name, i) => resolve(name, [...path, "models", i]));
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i)
        throw new PolicyError([...path, "models", i], `"${name}" is listed twice`);
    });
    const models = names
      .map((name) => byName.get(name) as ModelInfo)
      .sort((a, b) => blendedPrice(a) - blendedPrice(b) || a.name.localeCompare(b.name))
      .map((model) => model.name);
    const info = {
      key: learnedKey(models),
      models,
      minQuality: target.minQuality,
      ...(target.version !== undefined && { version: target.version }),
    };
    learnedTargets.push(info);
    priorClassifier ??= context.classifier ?? shippedClassifier();
    return {
      strategy: "learned",
      learned: compileLearnedTarget(info, context.learnedRouter, priorClassifier),
    };
  };
  const rules = policy.rules.map((rule, i) => {
    const when: Predicate = compileCondition(rule.when, ["rules", i, "when"], byName);
    const path = ["rules", i, "target"];
    let target: CompiledTarget;
    if ("model" in rule.target) target = { model: resolve(rule.target.model, [...path, "model"]) };
    else if (rule.target.strategy === "learned") target = learnedTarget(rule.target, path);
    else {
      checkStrategy(rule.target.strategy, [...path, "strategy"]);
      target = { strategy: rule.target.strategy };
    }
    return { name: rule.name, when, target };
  });
  let otherwise: CompiledTarget;
  if (policy.otherwise === "default") otherwise = { model: defaultModel };
  else if (typeof policy.otherwise === "object")
    otherwise = learnedTarget(policy.otherwise, ["otherwise"]);
  else {
    checkStrategy(policy.otherwise, ["otherwise"]);
    otherwise = { strategy: policy.otherwise };
  }
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
  const learning = compileLearning(policy, resolve);
  const learnedCascade =
    cascadeConfig &&
    compileLearnedCascade(
      cascadeConfig,
      learning,
      (name) => blendedPrice(byName.get(name) as ModelInfo),
      context.learnedRouter,
    );
  if (learnedCascade) learnedTargets.push(learnedCascade.target);
  const ordered = priceOrder(context.models);
  const random = context.random ?? Math.random;
  const model = (name: string) => byName.get(name) as ModelInfo;

  function decide(request: RoutingRequest): RoutingDecision {
    const view = new RequestView(request);
    const trace: RouteTrace = { gates: [], fallbacks: [], reason: "" };
    let target: CompiledTarget | null = null;
    for (const rule of rules) {
      if (rule.when(view)) {
        trace.rule = rule.name;
        target = rule.target;
        break;
      }
    }
    target ??= otherwise;
    const needed = requiredCapabilities(request);
    const tokens = request.estimatedInputTokens;
    let primary: string;
    let strategy: "direct" | "cascade" = "direct";
    let cascade: RoutingDecision["cascade"];
    let primaryReason = trace.rule ? `rule:${trace.rule}` : "default";
    if ("model" in target) primary = target.model;
    else if (target.strategy === "learned") {
      trace.learned = target.learned(view);
      primary = trace.learned.model;
      primaryReason = "learned";
    } else if (target.strategy === "classifier" && classifierConfig && classifier) {
      const { text, turns } = view.prompt;
      const score = classifier.score(text, turns);
      trace.classifier = { score, threshold: classifierConfig.threshold };
      primary =
        score >= classifierConfig.threshold ? classifierConfig.strong : classifierConfig.cheap;
      primaryReason = "classifier";
    } else if (cascadeConfig) {
      const skipped = learnedCascade?.skip(view);
      const preCall = skipped ? null : preCallScore(cascadeScorer, view);
      if (skipped) {
        // The artefact's verdict for the request's tag: the cascade does not pay there.
        trace.cascadeSkipped = skipped;
        primary = skipped.model;
        primaryReason = "cascade-skipped";
      } else if (preCall !== null) {
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
    learnedTargets,
    learning,
    decide,
    matchRules(request) {
      const view = new RequestView(request);
      return rules.map((rule) => ({ name: rule.name, matched: rule.when(view) }));
    },
  };
}
