export { cascadeDecision } from "./cascade/cascade-decision";
export {
  type ComplexityClassifier,
  loadComplexityClassifier,
} from "./classifier/complexity-classifier";
export { promptOf } from "./features/request-text";
export {
  type CascadeScorer,
  type CompiledPolicy,
  compilePolicy,
  type PolicyContext,
} from "./policy/compile";
export { type Explanation, explain } from "./policy/explain";
export { PolicyError } from "./policy/policy-error";
export { type RoutingRequest, requiredCapabilities } from "./policy/request";
export { type Condition, type PolicyBody, policySchema, type Rule } from "./policy/schema";
export {
  type CascadePlan,
  type PlanStep,
  type RouteTrace,
  type RoutingDecision,
  routeHeader,
} from "./policy/trace";
export { type Random, weightedChoice } from "./policy/weighted-choice";
export { loadQualityScorer, type QualityScorer } from "./scorer/quality-scorer";
export {
  type ShippedTradeoffTable,
  shippedClassifier,
  shippedScorer,
  shippedTradeoffTables,
} from "./shipped-weights";
