export type { UsageQueueStats } from "./accounting/usage-queue";
export { keyCheckUnavailable } from "./auth/key-cache";
export { AUTO_MODEL, type RoutingModels } from "./config/config-state";
export { learnedTargetsOf, type PolicyLearnedTargets } from "./config/learned-targets";
export { type CreateGatewayInput, createGateway, type Gateway } from "./create-gateway";
export type { BreakerState, DeploymentHealth } from "./execute/circuit-breakers";
export type { ProviderLookup } from "./execute/execute-plan";
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
  type RouteAttempt,
  type RouteDecision,
  type RouteInput,
  resolveRoute,
} from "./route/resolve-route";
export { type DrainResult, shuttingDown } from "./shutdown/in-flight";
export { gatewayUnavailableResponse } from "./web/handle-web";
