export { cascadeDecision } from "./cascade/cascade-decision";
export type { ComplexityClassifier } from "./classifier/complexity-classifier";
export { promptOf } from "./features/request-text";
export {
  type LearnedReport,
  type LearnedRouter,
  learnedRouterSchema,
  parseLearnedRouter,
} from "./learned/artefact";
export {
  adaptiveSampleWeight,
  CalibrationPacer,
} from "./learned/calibration-pacer";
export {
  callUsd,
  DEFAULT_TAPER_AFTER,
  DEFAULT_WARMUP,
  GRADING_OUTPUT_TOKENS,
  GRADING_OVERHEAD_TOKENS,
  GradeTally,
  gradeUsd,
  type PerMillion,
  planCalibrationCalls,
} from "./learned/calibration-plan";
export {
  type CascadeVerdicts,
  cascadeSkip,
  cascadeVerdicts,
} from "./learned/cascade-verdicts";
export {
  type FitOptions,
  fitLearnedRouter,
  fitLearnedRouterAsync,
} from "./learned/fit-learned-router";
export type {
  LearnedRouterSource,
  LearnedTargetInfo,
  LearnedTargetRef,
  LearnedTrace,
} from "./learned/learned-strategy";
export {
  type Grade,
  type Outcome,
  outcomeSchema,
  parseOutcomes,
} from "./learned/outcome";
export { outcomeOf, promptKeyOf, requestTags } from "./learned/request-features";
export {
  type CascadeScorer,
  type CompiledPolicy,
  compilePolicy,
  type PolicyContext,
} from "./policy/compile";
export { explain } from "./policy/explain";
export type { CompiledLearning } from "./policy/learning";
export { PolicyError } from "./policy/policy-error";
export type { RoutingRequest } from "./policy/request";
export { type Condition, policySchema } from "./policy/schema";
export type { RouteTrace } from "./policy/trace";
export type { QualityScorer } from "./scorer/quality-scorer";
export { shippedClassifier, shippedScorer, shippedTradeoffTables } from "./shipped-weights";
