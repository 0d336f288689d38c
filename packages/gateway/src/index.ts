export type { UsageQueueStats } from "./accounting/usage-queue";
export { AUTO_MODEL, type RoutingModels } from "./config/config-state";
export { type CreateGatewayInput, createGateway, type Gateway } from "./create-gateway";
export type { BreakerState, DeploymentHealth } from "./execute/circuit-breakers";
export type { ProviderLookup } from "./execute/execute-plan";
export { type GatewayServer, startGatewayServer } from "./node/start-server";
export { defaultGatewayOptions, type GatewayOptions } from "./options";
export type { GatewayRequest, GatewayResult } from "./pipeline/types";
export {
  type RouteAttempt,
  type RouteDecision,
  type RouteInput,
  resolveRoute,
} from "./route/resolve-route";
export { gatewayUnavailableResponse } from "./web/handle-web";
