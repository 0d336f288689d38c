export * from "./alert-tracker";
export * from "./budget-spec";
export { DEFAULT_RESERVATION_TTL_MS, type LimitsEngineOptions } from "./engine-options";
export * from "./follow-limit-changes";
export * from "./gcra";
export * from "./limit-errors";
export { LimitsConfig } from "./limits-config";
export { MemoryLimits } from "./memory-limits";
export { type PeriodWindow, periodWindow } from "./period-window";
export { formatResetDuration, rateHeaders } from "./rate-headers";
export {
  createRedisChangeFeed,
  type RedisChangeFeed,
  type RedisChangeFeedOptions,
} from "./redis-change-feed";
export { createLimitsRedis } from "./redis-commands";
export { RedisLimits, type RedisLimitsOptions } from "./redis-limits";
export { RedisResponseCache } from "./redis-response-cache";
export { thresholdsReached } from "./thresholds";
export * from "./types";
export * from "./unwritten-spend";
export * from "./webhook-sender";
