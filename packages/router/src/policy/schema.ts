/** The routing policy document (versioned JSON), validated by zod. See README.md for an example. */
import { z } from "zod";
import { DEFAULT_TAPER_AFTER, DEFAULT_WARMUP } from "../learned/calibration-plan";
import { compileRuleRegex, MAX_REGEX_LENGTH } from "./rule-regex";

const range = z.strictObject({
  min: z.number().nonnegative().optional(),
  max: z.number().nonnegative().optional(),
});
const names = z.array(z.string().min(1)).min(1);
const requirementSchema = z.enum(["tools", "images", "json", "json_schema"]);
const regexFlagsPattern = /^[imsu]*$/;

export interface Condition {
  all?: Condition[];
  any?: Condition[];
  not?: Condition;
  promptChars?: z.infer<typeof range>;
  promptTokens?: z.infer<typeof range>;
  turns?: z.infer<typeof range>;
  regex?: string;
  regexFlags?: string;
  keywords?: string[];
  keywordMatch?: "any" | "all";
  task?: string[];
  requestedModel?: string[];
  requires?: z.infer<typeof requirementSchema>[];
  /** True when the request's estimated input tokens exceed this model's context window. */
  exceedsContextOf?: string;
  keyId?: string[];
  teamId?: string[];
}

const conditionKeys = [
  "all",
  "any",
  "not",
  "promptChars",
  "promptTokens",
  "turns",
  "regex",
  "keywords",
  "task",
  "requestedModel",
  "requires",
  "exceedsContextOf",
  "keyId",
  "teamId",
] as const;

const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z
    .strictObject({
      all: z.array(conditionSchema).min(1).optional(),
      any: z.array(conditionSchema).min(1).optional(),
      not: conditionSchema.optional(),
      promptChars: range.optional(),
      promptTokens: range.optional(),
      turns: range.optional(),
      regex: z.string().min(1).max(MAX_REGEX_LENGTH).optional(),
      regexFlags: z.string().regex(regexFlagsPattern).optional(),
      keywords: names.optional(),
      keywordMatch: z.enum(["any", "all"]).optional(),
      task: names.optional(),
      requestedModel: names.optional(),
      requires: z.array(requirementSchema).min(1).optional(),
      exceedsContextOf: z.string().min(1).optional(),
      keyId: names.optional(),
      teamId: names.optional(),
    })
    .refine((value) => conditionKeys.filter((key) => value[key] !== undefined).length === 1, {
      message: `exactly one condition of: ${conditionKeys.join(", ")}`,
    })
    .superRefine((value, context) => {
      // RE2 syntax: what the linear-time engine cannot compile is refused here, at save time.
      if (value.regex === undefined || !regexFlagsPattern.test(value.regexFlags ?? "")) return;
      const compiled = compileRuleRegex(value.regex, value.regexFlags);
      if (!compiled.ok)
        context.addIssue({ code: "custom", path: ["regex"], message: compiled.problem });
    }),
);

const strategySchema = z.enum(["classifier", "cascade"]);
/**
 * The learned strategy: the cheapest of `models` whose predicted quality relative to the best
 * candidate's is at least `minQuality` (see README "Learned routing").
 */
const learnedTargetSchema = z.strictObject({
  strategy: z.literal("learned"),
  models: z.array(z.string().min(1)).min(2).max(32),
  minQuality: z.number().min(0).max(1),
  /**
   * Route with this trained version of the target (pinned: reproducible, reviewed) instead of the
   * newest one; a version that does not exist routes with the cold-start prior.
   */
  version: z.number().int().positive().optional(),
});
const targetSchema = z.union([
  z.strictObject({ model: z.string().min(1) }),
  z.discriminatedUnion("strategy", [
    z.strictObject({ strategy: z.literal("classifier") }),
    z.strictObject({ strategy: z.literal("cascade") }),
    learnedTargetSchema,
  ]),
]);

const ruleSchema = z.strictObject({
  name: z.string().min(1).max(64),
  when: conditionSchema,
  target: targetSchema,
  /** Requests this rule matches are never sampled for calibration (learned routing). */
  private: z.boolean().optional(),
});

/**
 * Outcome collection for learned routing: a share of the policy's requests (`sampleRate`) is
 * answered again by every other candidate and each answer graded by `judge`, after the client
 * has its answer (see README "Policy format", `learning`).
 */
const learningSchema = z.strictObject({
  sampleRate: z.number().min(0).max(1).default(0.02),
  /**
   * Most of the policy's total spend that calibration may take (0..1; default 1, no cap): a
   * sample calls the other candidates worth their price within the room left
   * (planCalibrationCalls), and past it sampling pauses until the traffic has paid for more
   * (see CalibrationPacer).
   */
  maxShare: z.number().min(0).max(1).default(1),
  /**
   * A factor on the probability that a sample calls each candidate dearer than the served one
   * (default 1; see planCalibrationCalls).
   */
  explore: z.number().min(0).max(1).default(1),
  /**
   * Requests a trained learned router decided far from its boundary are sampled at a tapering
   * share of sampleRate (down to a fifth; adaptiveSampleWeight). Default true.
   */
  adaptive: z.boolean().default(true),
  /**
   * A candidate's first `warmup` grades are taken whatever the calibration share's room (default
   * 5; see planCalibrationCalls): every candidate has some outcomes before the share applies.
   */
  warmup: z.number().int().min(0).max(1000).default(DEFAULT_WARMUP),
  /**
   * A tag's outcomes before its sample rate tapers as (taperAfter/n)² (default 15; 0: no taper;
   * see GradeTally.taper): sampling stays high while a tag's estimates are uncertain.
   */
  taperAfter: z.number().int().min(0).max(100_000).default(DEFAULT_TAPER_AFTER),
  /** Calibration spend cap per calendar month (the budgets engine holds it as a key budget). */
  budgetUsd: z.number().positive().optional(),
  candidates: z.array(z.string().min(1)).min(2).max(16),
  judge: z.string().min(1),
  /** Requests with any of these tags (`task:<task>`, `key:<keyId>`, the caller's tags) are never sampled. */
  excludeTags: z.array(z.string().min(1)).optional(),
});

export const policySchema = z.strictObject({
  version: z.literal(1),
  name: z.string().optional(),
  defaultModel: z.string().min(1),
  /** Reference model for savings (what every request would have cost on it). */
  baselineModel: z.string().min(1),
  rules: z.array(ruleSchema).default([]),
  /** What happens when no rule matches. */
  otherwise: z
    .union([z.literal("default"), strategySchema, learnedTargetSchema])
    .default("default"),
  classifier: z
    .strictObject({
      cheap: z.string().min(1),
      strong: z.string().min(1),
      threshold: z.number().min(0).max(1),
    })
    .optional(),
  cascade: z
    .strictObject({
      cheap: z.string().min(1),
      strong: z.string().min(1),
      threshold: z.number().min(0).max(1),
      judge: z
        .strictObject({ model: z.string().min(1), threshold: z.number().min(0).max(1) })
        .optional(),
    })
    .optional(),
  /** Ordered fallbacks per target model (errors, timeouts, 429s, context overflows). */
  fallbacks: z.record(z.string(), z.array(z.string().min(1))).default({}),
  /** Equivalent deployments of a model, chosen by weighted random. */
  weights: z
    .record(
      z.string(),
      z.array(z.strictObject({ model: z.string().min(1), weight: z.number().positive() })).min(1),
    )
    .default({}),
  learning: learningSchema.optional(),
  /**
   * Exact-match response cache for the requests this policy routes (off without it): the same
   * request (messages, tools, sampling settings) to the same model within `ttlSeconds` is answered
   * from the cache, at no cost. Only requests at temperature 0 unless `anyTemperature`.
   */
  cache: z
    .strictObject({
      ttlSeconds: z.number().int().positive().max(2_592_000).default(3_600),
      anyTemperature: z.boolean().default(false),
    })
    .optional(),
});

export type PolicyBody = z.infer<typeof policySchema>;
export type Target = z.infer<typeof targetSchema>;
export type LearnedTarget = z.infer<typeof learnedTargetSchema>;
export type LearningSettings = z.infer<typeof learningSchema>;
