export {
  type BuildGatewayInput,
  bothFeeds,
  buildGateway,
  type GatewayPorts,
  type RunningGateway,
} from "./build-gateway";
export {
  buildDatabaseGateway,
  type DatabaseGateway,
  type DatabaseGatewayInput,
} from "./database-gateway";
export { DEMO_HISTORY_TAG, removeDemoHistory, seedDemoHistory } from "./demo/demo-history";
export {
  DEFAULT_REFIT_RULE,
  LearningError,
  type LearningErrorCode,
  type LearningPorts,
  type PolicyTraining,
  type RefitRule,
  type RetrainScheduler,
  type RetrainSchedulerOptions,
  refitDue,
  type SkipReason,
  startRetrainScheduler,
  type TargetTraining,
  type TrainOptions,
  trainPolicy,
  trainTargets,
} from "./learning";
export { createLogger, type Logger } from "./logger";
export {
  DEFAULT_IDLE_GC_MIN_REQUESTS,
  fullGc,
  IdleCollector,
  startIdleCollector,
} from "./ops/idle-gc";
export { createOps, type Ops, type OpsOptions } from "./ops/ops-routes";
export type { ReadyCheck } from "./ops/probes";
export {
  generateNextAuthSecret,
  loadOrCreateSecrets,
  readStoredSecrets,
  SECRETS_FILE,
  type SecretOverrides,
  type Secrets,
  type StoredSecrets,
} from "./secrets";
export {
  apiKeyField,
  DEFAULT_HOST,
  DEFAULT_IDLE_GC_MS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_RETRAIN_INTERVAL_MS,
  DEFAULT_SPOOL_MAX_BYTES,
  type EnvSource,
  type GatewaySettings,
  gatewayEnvFields,
  isEncryptionKey,
  LOG_LEVELS,
  type LogLevel,
  optionalString,
  parseEnvWith,
  parseGatewaySettings,
  portField,
  postgresUrlField,
  type ServerSettings,
  serverSettingsOf,
  spoolDirOf,
} from "./settings";
export { isStartupError, oneLine, StartupError } from "./startup-error";
export { setUpTracing, type Tracing } from "./tracing";
