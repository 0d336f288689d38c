/**
 * The database: the one Prisma client, repositories implementing core's ports, change notices,
 * rollups. The embedded PostgreSQL, migrations and the seed have their own entry points
 * (@switchyard/db/embedded, /migrate, /seed) so that a process that needs none of them (the
 * standalone gateway) never loads them.
 */
export { type CreateApiKeyInput, createApiKey, rotateApiKey } from "./api-keys";
export {
  CHANGE_CHANNEL,
  createPgChangeFeed,
  type PgChangeFeed,
  type PgChangeFeedOptions,
  parseChangeMessage,
} from "./change-feed";
export { checkDatabase, describeDatabaseLocation } from "./check-database";
export {
  type CreatePrismaOptions,
  createPrisma,
  type PrismaClient,
  prismaClientsCreated,
} from "./client";
export {
  DecryptionError,
  decryptSecret,
  EncryptionKeyError,
  encryptSecret,
  generateEncryptionKey,
  isEncryptedSecret,
  parseEncryptionKey,
} from "./crypto";
export { Prisma } from "./generated/client";
export type * as DbModels from "./generated/models";
export { defaultMigrationsDir } from "./migrations-dir";
export {
  createRepositories,
  OUTCOME_COMMENT_MAX,
  PrismaConfigStore,
  PrismaKeyStore,
  PrismaLearnedRouterStore,
  PrismaOutcomeStore,
  PrismaRequestLogReader,
  PrismaResponseStore,
  PrismaUsageSink,
  type RepositoryOptions,
} from "./repositories";
export { toCapabilities, toSettings, toTeamInfo } from "./repositories/mappers";
export {
  addHistograms,
  bucketIndex,
  emptyHistogram,
  estimateQuantile,
  LATENCY_BUCKET_BOUNDS_MS,
  TTFT_BUCKET_BOUNDS_MS,
} from "./rollup/histogram";
export { type RollupRange, rangeThroughNow, rollupRows } from "./rollup/rollup-source";
export { rebuildDayRollups, rebuildTeamRollups, sumHistogram } from "./rollup/rollup-sql";
export { findUserByEmail, hashPassword, normalizeEmail, verifyPassword } from "./users";
