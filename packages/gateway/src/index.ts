export {
  type LedgerInit,
  RequestLedger,
  type RequestOutcome,
} from "./accounting/request-ledger";
export type { UsageQueueStats } from "./accounting/usage-queue";
export { keyCheckUnavailable } from "./auth/key-cache";
export { calibrationKeyId } from "./calibration/calibration-call";
export type { CalibrationHooks, CalibrationStats } from "./calibration/calibration-runner";
export { GRADING_VERSION } from "./calibration/grading-prompt";
export { AUTO_MODEL, ConfigState, type RoutingModels } from "./config/config-state";
export { learnedTargetsOf, type PolicyLearnedTargets } from "./config/learned-targets";
export { type CreateGatewayInput, createGateway, type Gateway } from "./create-gateway";
export type { BreakerState, DeploymentHealth } from "./execute/circuit-breakers";
export type { ProviderLookup } from "./execute/execute-plan";
export {
  FEEDBACK_COMMENT_MAX,
  type FeedbackResponse,
  feedbackRequestSchema,
} from "./feedback/feedback-request";
export {
  applyServerLimits,
  defaultServerLimits,
  type GatewayServer,
  type NodeHandler,
  type ServerLimits,
  startGatewayServer,
} from "./node/start-server";
export { defaultGatewayOptions, type GatewayOptions } from "./options";
export type { GatewayRequest, GatewayResult } from "./pipeline/types";
export {
  type ConnectionTest,
  listUpstreamModels,
  testModelConnection,
  type UpstreamModelList,
} from "./probe/test-connection";
export type { StoredResponsesStats } from "./responses/stored-responses";
export { collectTags, TAG_BOUNDS, type TagSources } from "./route/request-tags";
export {
  type RouteAttempt,
  type RouteDecision,
  type RouteInput,
  resolveRoute,
} from "./route/resolve-route";
export { type DrainResult, shuttingDown } from "./shutdown/in-flight";
export { enableTracing } from "./tracing/spans";
export { gatewayUnavailableResponse } from "./web/handle-web";
