export { checkDatabase, describeDatabaseLocation } from "./check-database";
export type { PrismaClient } from "./client";
export { type CreatePrismaOptions, createPrisma } from "./client";
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
