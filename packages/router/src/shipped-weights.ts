/** The weights `pnpm router:train` writes to weights/, loaded once on first use. */

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
  scorer ??= loadQualityScorer(scorerWeights);
  return scorer;
}
