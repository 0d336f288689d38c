/** The weights `pnpm router:train` writes to weights/, loaded once on first use. */

import { z } from "zod";
import classifierWeights from "../weights/classifier.json" with { type: "json" };
import scorerWeights from "../weights/scorer.json" with { type: "json" };
import {
  type ComplexityClassifier,
  loadComplexityClassifier,
} from "./classifier/complexity-classifier";
import { loadQualityScorer, type QualityScorer } from "./scorer/quality-scorer";

let classifier: ComplexityClassifier | null = null;
let scorer: QualityScorer | null = null;

export function shippedClassifier(): ComplexityClassifier {
  classifier ??= loadComplexityClassifier(classifierWeights);
  return classifier;
}

export function shippedScorer(): QualityScorer {
  scorer ??= loadQualityScorer(scorerWeights, shippedClassifier());
  return scorer;
}

const tradeoffRowSchema = z.object({
  threshold: z.number(),
  strongShare: z.number(),
  quality: z.number(),
  costShare: z.number(),
});
const tradeoffSchema = z.object({
  training: z.object({ tradeoff: z.record(z.string(), z.array(tradeoffRowSchema)) }),
});

interface ShippedTradeoffTable {
  /** Training file the table was measured on (out-of-fold), e.g. "gsm8k-dev". */
  dataset: string;
  strategy: "classifier" | "cascade";
  rows: z.infer<typeof tradeoffRowSchema>[];
}

/**
 * The measured threshold → strong share / quality / cost-vs-all-strong tables that training
 * stores in the weights files (k-fold, out-of-fold), for the console's trade-off view.
 */
export function shippedTradeoffTables(): ShippedTradeoffTable[] {
  const tables: ShippedTradeoffTable[] = [];
  for (const [strategy, weights] of [
    ["classifier", classifierWeights],
    ["cascade", scorerWeights],
  ] as const) {
    const parsed = tradeoffSchema.safeParse(weights);
    if (!parsed.success) continue;
    for (const [dataset, rows] of Object.entries(parsed.data.training.tradeoff)) {
      tables.push({ dataset, strategy, rows });
    }
  }
  return tables;
}
