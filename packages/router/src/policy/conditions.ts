/** Compiles a policy condition into a predicate; invalid parts throw a PolicyError with their path. */
import type { ModelInfo } from "@switchyard/core";
import { PolicyError } from "./policy-error";
import { type RequestView, requiredCapabilities } from "./request";
import { compileRuleRegex } from "./rule-regex";
import type { Condition } from "./schema";

export type Predicate = (view: RequestView) => boolean;

const inRange = (value: number, range: { min?: number | undefined; max?: number | undefined }) =>
  (range.min === undefined || value >= range.min) &&
  (range.max === undefined || value <= range.max);

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const requirementCapability = {
  tools: "tools",
  images: "vision",
  json: "json",
  json_schema: "json_schema",
} as const;

export function compileCondition(
  condition: Condition,
  path: PropertyKey[],
  models: ReadonlyMap<string, ModelInfo>,
): Predicate {
  if (condition.all) {
    const parts = condition.all.map((c, i) => compileCondition(c, [...path, "all", i], models));
    return (view) => parts.every((p) => p(view));
  }
  if (condition.any) {
    const parts = condition.any.map((c, i) => compileCondition(c, [...path, "any", i], models));
    return (view) => parts.some((p) => p(view));
  }
  if (condition.not) {
    const inner = compileCondition(condition.not, [...path, "not"], models);
    return (view) => !inner(view);
  }
  if (condition.promptChars) {
    const range = condition.promptChars;
    return (view) => inRange(view.prompt.text.length, range);
  }
  if (condition.promptTokens) {
    const range = condition.promptTokens;
    return (view) => inRange(view.request.estimatedInputTokens, range);
  }
  if (condition.turns) {
    const range = condition.turns;
    return (view) => inRange(view.prompt.turns, range);
  }
  if (condition.regex !== undefined) {
    const regex = compileRuleRegex(condition.regex, condition.regexFlags);
    if (!regex.ok) throw new PolicyError([...path, "regex"], regex.problem);
    return (view) => regex.test(view.regexText);
  }
  if (condition.keywords) {
    const patterns = condition.keywords.map(
      (k) => new RegExp(`(?:^|\\W)${escapeRegex(k.toLowerCase())}(?:$|\\W)`),
    );
    if (condition.keywordMatch === "all")
      return (view) => patterns.every((p) => p.test(view.lowerText));
    return (view) => patterns.some((p) => p.test(view.lowerText));
  }
  if (condition.task) {
    const tasks = new Set(condition.task);
    return (view) => view.request.task !== undefined && tasks.has(view.request.task);
  }
  if (condition.requestedModel) {
    const requested = new Set(condition.requestedModel);
    return (view) => requested.has(view.request.requestedModel);
  }
  if (condition.requires) {
    const needed = condition.requires.map((r) => requirementCapability[r]);
    return (view) => {
      const has = requiredCapabilities(view.request);
      return needed.every((capability) => has.includes(capability));
    };
  }
  if (condition.exceedsContextOf !== undefined) {
    const model = models.get(condition.exceedsContextOf);
    if (!model)
      throw new PolicyError(
        [...path, "exceedsContextOf"],
        `unknown model "${condition.exceedsContextOf}"`,
      );
    const window = model.contextWindow;
    return (view) => view.request.estimatedInputTokens > window;
  }
  if (condition.keyId) {
    const keys = new Set(condition.keyId);
    return (view) => keys.has(view.request.keyId);
  }
  if (condition.teamId) {
    const teams = new Set(condition.teamId);
    return (view) => teams.has(view.request.teamId);
  }
  throw new PolicyError(path, "empty condition");
}
