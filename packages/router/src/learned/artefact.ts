/**
 * The learned router artefact: what `fitLearnedRouter` produces and `decide` reads. Plain JSON
 * (a few kB to ~150 kB: 2^hashBits int16 weights per candidate), small enough for a database row
 * and loaded per policy. Validate stored copies with `parseLearnedRouter` (zod).
 */
import { z } from "zod";
import { DENSE_SLOTS } from "../features/prompt-features";
import { cascadeVerdictsSchema } from "./cascade-verdicts";
import { OUTCOME_FEATURE_VERSION, OUTCOME_HASH_BITS } from "./outcome";

export const LEARNED_ROUTER_FORMAT = "switchyard-learned-router";
export const LEARNED_ROUTER_FORMAT_VERSION = 1;

const modelWeightsSchema = z.strictObject({
  model: z.string().min(1),
  /** b_m: the candidate's logit quality on a request with no features. */
  bias: z.number(),
  /** Shared + own weights of the dense cues (slot 0, the constant, is unused). */
  dense: z.array(z.number()).length(DENSE_SLOTS),
  /** Weight of the classifier prior's logit (0 = the artefact does not read the classifier). */
  prior: z.number(),
  /** Shared + own weights of the 2^hashBits hashed buckets, packed (weights-codec.ts). */
  hashed: z.strictObject({ scale: z.number().nonnegative(), data: z.string() }),
});

const estimateSchema = z.strictObject({
  outcomes: z.number().int().nonnegative(),
  /** Mean grade of the outcomes. */
  mean: z.number(),
  /** Shrunk toward the model's global mean (empirical Bayes, beta-binomial). */
  estimate: z.number(),
  /** Approximate 90% interval of the estimate. */
  low: z.number(),
  high: z.number(),
});

const heldOutModelSchema = z.strictObject({
  outcomes: z.number().int().nonnegative(),
  /** Mean squared error of the predicted quality. */
  brier: z.number(),
  /** The same for a constant prediction (the model's mean quality on the training part). */
  baselineBrier: z.number(),
  logLoss: z.number(),
  /** Ranking of right vs wrong answers (grade ≥ 0.5 vs < 0.5); null when one side is empty. */
  auc: z.number().nullable(),
});

export const learnedReportSchema = z.strictObject({
  /** Outcomes given that could not be used (another feature version, no candidate graded). */
  skipped: z.number().int().nonnegative(),
  models: z.record(
    z.string(),
    z.strictObject({ outcomes: z.number().int().nonnegative(), mean: z.number() }),
  ),
  /** Per tag (those kept as features) and candidate: outcomes, mean, shrunk estimate, interval. */
  tags: z.array(
    z.strictObject({
      tag: z.string(),
      outcomes: z.number().int().nonnegative(),
      models: z.record(z.string(), estimateSchema),
    }),
  ),
  /**
   * A model fitted on the other outcomes, scored on `heldOutPercent`% of the prompts (split by
   * promptKey); null when there were too few outcomes to hold some out.
   */
  heldOut: z
    .strictObject({
      train: z.number().int().nonnegative(),
      test: z.number().int().nonnegative(),
      models: z.record(z.string(), heldOutModelSchema),
      /**
       * The cheapest candidate against the best one on average: RouteLLM's APGR when the held-out
       * requests are ranked by the cheap candidate's predicted relative quality.
       */
      pair: z
        .strictObject({ cheap: z.string(), strong: z.string(), apgr: z.number().nullable() })
        .nullable(),
    })
    .nullable(),
  settings: z.record(z.string(), z.unknown()),
});

export const learnedRouterSchema = z
  .strictObject({
    format: z.literal(LEARNED_ROUTER_FORMAT),
    formatVersion: z.literal(LEARNED_ROUTER_FORMAT_VERSION),
    /** Names this artefact in traces and logs: training size and a hash of the weights. */
    id: z.string().min(1).max(80),
    featureVersion: z.literal(OUTCOME_FEATURE_VERSION),
    hashBits: z.number().int().min(4).max(OUTCOME_HASH_BITS),
    /** The candidates it predicts, as given to the learner (cheapest first). */
    models: z.array(z.string().min(1)).min(1),
    /** Outcomes the weights were fitted on. */
    trainingSize: z.number().int().nonnegative(),
    weights: z.array(modelWeightsSchema),
    /** Tag → its effect on each candidate's logit (shared + own), in `models` order. */
    tags: z.record(z.string(), z.array(z.number())),
    report: learnedReportSchema,
    /**
     * Fitted for a policy's cascade (cheap → strong): the tags whose requests skip the cascade,
     * and the model they go to instead (cascade-verdicts.ts).
     */
    cascade: cascadeVerdictsSchema.optional(),
  })
  .superRefine((value, context) => {
    if (value.weights.length !== value.models.length)
      context.addIssue({ code: "custom", path: ["weights"], message: "one entry per model" });
    value.weights.forEach((weights, i) => {
      if (weights.model !== value.models[i])
        context.addIssue({
          code: "custom",
          path: ["weights", i, "model"],
          message: `expected "${value.models[i]}"`,
        });
    });
    for (const [tag, effects] of Object.entries(value.tags))
      if (effects.length !== value.models.length)
        context.addIssue({ code: "custom", path: ["tags", tag], message: "one effect per model" });
  });

export type LearnedRouter = z.infer<typeof learnedRouterSchema>;
export type LearnedReport = z.infer<typeof learnedReportSchema>;

/** Validates a stored artefact (a JSON column); the error names the field. */
export function parseLearnedRouter(raw: unknown): LearnedRouter {
  const parsed = learnedRouterSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(
    `learned router${(issue?.path ?? []).map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")}: ${issue?.message}`,
  );
}
