/**
 * What offline training and evaluation (packages/router-lab) read from the router beyond its
 * public API: the feature extractors and their vector layout, and the weight file formats with
 * the functions that score them. Nothing on the request path imports this entry.
 */
export { classifierSize, classifierVector } from "./classifier/complexity-classifier";
export { hashString } from "./features/hash";
export { DENSE_SLOTS, promptDenseNames } from "./features/prompt-features";
export { RESPONSE_SLOTS, responseDenseNames } from "./features/response-features";
export type { SparseVector } from "./features/sink";
export { type LearnedModel, loadLearnedModel } from "./learned/learned-model";
export {
  chooseByRelativeQuality,
  decisionMargin,
  priorQualities,
} from "./learned/relative-quality";
export { promptFeatures, type SparseFeatures } from "./learned/request-features";
export { gbdtProbability, gbdtSchema, type Tree, treeValue } from "./model/gbdt";
export {
  denseWeights,
  type LogisticWeights,
  logisticWeightsSchema,
  predictSparse,
  sigmoid,
} from "./model/logistic";
export { quantiles } from "./scorer/missing-answer";
export { type QualityScorerFile, SCORER_FEATURES, scorerFeatures } from "./scorer/quality-scorer";
