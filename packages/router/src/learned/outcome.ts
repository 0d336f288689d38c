/**
 * What the learner trains on: one observed request (its routing features and tags, never its
 * text) and the grade of each candidate model that answered it. The gateway builds these with
 * `outcomeOf` (calibration samples: every candidate answers, a judge grades each answer; user
 * feedback: the served model only) and stores them as JSON; zod checks them on the way back.
 */
import { z } from "zod";

/**
 * Layout of `Outcome.features`: the prompt features the classifier reads (dense cues in slots
 * 0..39, hashed word unigrams + bigrams after them) at 2^14 hashed buckets. Bump when
 * extractPromptFeatures changes: outcomes of another version are skipped by the learner.
 */
export const OUTCOME_FEATURE_VERSION = 1;
export const OUTCOME_HASH_BITS = 14;

const gradeSchema = z.strictObject({
  /** The answer's quality in [0, 1]: a judge's grade / 10, 1/0 right/wrong, or user feedback. */
  quality: z.number().min(0).max(1),
  /** USD of the call, when known. */
  costUsd: z.number().nonnegative().optional(),
});

export const outcomeSchema = z.strictObject({
  featureVersion: z.literal(OUTCOME_FEATURE_VERSION),
  /**
   * Identifies the prompt (e.g. a hash of its text), so held-out splits never put one prompt on
   * both sides. Outcomes of the same prompt share it.
   */
  promptKey: z.string().min(1),
  /** Sparse prompt features, indices ascending and unique (see OUTCOME_HASH_BITS). */
  features: z.strictObject({
    indices: z.array(z.number().int().nonnegative()),
    values: z.array(z.number()),
  }),
  /** Request tags, e.g. "task:code", "category:math", "key:abc" (see requestTags). */
  tags: z.array(z.string().min(1).max(200)),
  /** Per candidate model that answered: its grade. Any subset of the candidates. */
  grades: z.record(z.string().min(1), gradeSchema),
  /**
   * The shipped complexity classifier's score for the request when it was observed (the
   * cold-start prior, which the learner keeps as a feature). Absent = not known.
   */
  prior: z.number().min(0).max(1).optional(),
  /** How much this outcome counts (default 1), e.g. lower for thumbs-up/down feedback. */
  weight: z.number().positive().optional(),
});

export type Outcome = z.infer<typeof outcomeSchema>;
export type Grade = z.infer<typeof gradeSchema>;

/** Validates stored outcomes (a JSON column): throws with the index and field of the first bad one. */
export function parseOutcomes(raw: unknown): Outcome[] {
  const parsed = z.array(outcomeSchema).safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(
    `outcomes${(issue?.path ?? []).map((p) => `[${String(p)}]`).join("")}: ${issue?.message}`,
  );
}
