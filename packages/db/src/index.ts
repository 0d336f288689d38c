export {
  API_KEY_PREFIX,
  apiKeyPrefix,
  type CreateApiKeyInput,
  createApiKey,
  generateApiKey,
  hashApiKey,
  isWellFormedApiKey,
  VISIBLE_PREFIX_LENGTH,
} from "./api-keys";
export {
  CHANGE_CHANNEL,
  createPgChangeFeed,
  type PgChangeFeed,
  type PgChangeFeedOptions,
  parseChangeMessage,
} from "./change-feed";
export { checkDatabase, describeDatabaseLocation } from "./check-database";
export { type CreatePrismaOptions, createPrisma, type PrismaClient } from "./client";
export {
  DecryptionError,
  decryptSecret,
  EncryptionKeyError,
  encryptSecret,
  generateEncryptionKey,
  parseEncryptionKey,
} from "./crypto";
export {
  EMBEDDED_POSTGRES_DEFAULT_PORT,
  type EmbeddedPostgresHandle,
  type EmbeddedPostgresOptions,
  startEmbeddedPostgres,
} from "./embedded";
export { Prisma } from "./generated/client";
export type * as DbModels from "./generated/models";
export { type MigrateOptions, migrate } from "./migrate";
export { defaultMigrationsDir } from "./migrations-dir";
export {
  createRepositories,
  PrismaConfigStore,
  PrismaKeyStore,
  PrismaUsageSink,
  type RepositoryOptions,
} from "./repositories";
export {
  addHistograms,
  bucketIndex,
  emptyHistogram,
  estimateQuantile,
  LATENCY_BUCKET_BOUNDS_MS,
  TTFT_BUCKET_BOUNDS_MS,
} from "./rollup/histogram";
export { type RollupRange, rangeThroughNow, rollupRows } from "./rollup/rollup-source";
export { rebuildDayRollups, sumHistogram } from "./rollup/rollup-sql";
export {
  DEMO_MODELS,
  DEMO_POLICY,
  DEMO_TEAM,
  type SeedOptions,
  type SeedResult,
  seed,
} from "./seed";
export { findUserByEmail, hashPassword, normalizeEmail, verifyPassword } from "./users";
