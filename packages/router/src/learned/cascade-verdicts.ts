/**
 * Whether a cascade (cheap answers, a scorer escalates weak answers to strong) pays per tag,
 * decided from the outcomes at training time and stored in the artefact. A cascade costs
 * cheap + P(escalate)·strong; with P(cheap suffices) ≈ the cheap model's shrunk quality q on the
 * tag, it costs r + (1 − q) of the strong price (r = cheap/strong cost on the tag). So:
 *
 * - route straight to strong when even the top of q's 90% interval is at most max(r, rarely):
 *   the cheap answer almost never suffices, and the cascade pays both calls for nothing;
 * - route straight to cheap when the bottom of q's interval reaches `quality` × the strong
 *   model's estimate on the tag: the cheap answer confidently suffices, so the scorer's call
 *   (and its false escalations) buy nothing;
 * - else keep the cascade. Tags with fewer than `minOutcomes` graded cheap answers get no verdict.
 */
import { z } from "zod";

export const cascadeVerdictSchema = z.strictObject({
  model: z.string().min(1),
  why: z.enum(["cheap-rarely-suffices", "cheap-suffices"]),
  /** The cheap model's shrunk quality on the tag and its 90% interval. */
  cheap: z.strictObject({ estimate: z.number(), low: z.number(), high: z.number() }),
  /** The strong model's estimated quality on the tag. */
  strong: z.number(),
  /** Cheap cost / strong cost on the tag (from the outcomes' costs, else the list prices). */
  costRatio: z.number().nonnegative(),
});

export const cascadeVerdictsSchema = z.strictObject({
  cheap: z.string().min(1),
  strong: z.string().min(1),
  settings: z.strictObject({
    quality: z.number(),
    rarely: z.number(),
    minOutcomes: z.number(),
  }),
  /** Tag → where its requests go instead of the cascade; tags not listed keep the cascade. */
  tags: z.record(z.string(), cascadeVerdictSchema),
});

export type CascadeVerdict = z.infer<typeof cascadeVerdictSchema>;
export type CascadeVerdicts = z.infer<typeof cascadeVerdictsSchema>;

export interface CascadeVerdictOptions {
  cheap: string;
  strong: string;
  /** Cheap / strong list price, used on tags whose outcomes carry no costs of both models. */
  priceRatio: number;
  /** Default 0.95. */
  quality?: number;
  /** Default 0.2. */
  rarely?: number;
  /** Default 10. */
  minOutcomes?: number;
}

export interface TagEvidence {
  tag: string;
  cheap?: { outcomes: number; estimate: number; low: number; high: number } | undefined;
  /** Undefined: the strong model's global mean is used. */
  strong?: { estimate: number } | undefined;
  /** Mean cost per graded answer of each model on the tag, when the outcomes carry costs. */
  cheapCost?: number | undefined;
  strongCost?: number | undefined;
}

const round = (value: number) => Number(value.toFixed(4));

export function cascadeVerdicts(
  evidence: readonly TagEvidence[],
  strongMean: number,
  options: CascadeVerdictOptions,
): CascadeVerdicts {
  const settings = {
    quality: options.quality ?? 0.95,
    rarely: options.rarely ?? 0.2,
    minOutcomes: options.minOutcomes ?? 10,
  };
  const tags: Record<string, CascadeVerdict> = {};
  for (const tag of evidence) {
    const cheap = tag.cheap;
    if (!cheap || cheap.outcomes < settings.minOutcomes) continue;
    const costRatio =
      tag.cheapCost !== undefined && tag.strongCost !== undefined && tag.strongCost > 0
        ? tag.cheapCost / tag.strongCost
        : options.priceRatio;
    const strong = tag.strong?.estimate ?? strongMean;
    let verdict: Pick<CascadeVerdict, "model" | "why"> | null = null;
    if (cheap.high <= Math.max(costRatio, settings.rarely))
      verdict = { model: options.strong, why: "cheap-rarely-suffices" };
    else if (cheap.low >= settings.quality * strong)
      verdict = { model: options.cheap, why: "cheap-suffices" };
    if (verdict)
      tags[tag.tag] = {
        ...verdict,
        cheap: { estimate: cheap.estimate, low: cheap.low, high: cheap.high },
        strong: round(strong),
        costRatio: round(costRatio),
      };
  }
  return { cheap: options.cheap, strong: options.strong, settings, tags };
}

/**
 * The verdict for a request's tags (requestTags order): strong wins when tags disagree (a
 * request whose cheap answer rarely suffices on one of its tags is not sent to cheap alone).
 */
export function cascadeSkip(
  verdicts: CascadeVerdicts,
  tags: readonly string[],
): { tag: string; model: string } | null {
  let found: { tag: string; model: string } | null = null;
  for (const tag of tags) {
    const verdict = verdicts.tags[tag];
    if (!verdict) continue;
    if (verdict.model === verdicts.strong) return { tag, model: verdict.model };
    found ??= { tag, model: verdict.model };
  }
  return found;
}
