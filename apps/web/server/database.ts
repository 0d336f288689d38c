/**
 * The database the server uses: the one in DATABASE_URL (checked, never started), or an embedded
 * PostgreSQL with its data in <dataDir>/postgres. Either way, migrated to the latest schema, with
 * secrets stored before they were encrypted at rest encrypted.
 */
import path from "node:path";
import { checkDatabase } from "@switchyard/db";
import { startEmbeddedPostgres } from "@switchyard/db/embedded";
import { migrate } from "@switchyard/db/migrate";
import { isStartupError, oneLine, StartupError } from "@switchyard/server";
import type { AppEnv } from "../src/server/env";
import type { CleanupStack } from "./cleanup-stack";

export interface PreparedDatabase {
  url: string;
  embedded: boolean;
  /** Where the data lives, for the start banner. */
  description: string;
}

export async function prepareDatabase(options: {
  env: Pick<AppEnv, "databaseUrl" | "dataDir" | "embeddedPgPort">;
  cleanup: CleanupStack;
  migrationsDir: string;
  /** Encrypts secrets still stored in plain text after migrating (migrate()'s encryptionKey). */
  encryptionKey: string;
  log: (message: string) => void;
}): Promise<PreparedDatabase> {
  const { env, cleanup } = options;
  let prepared: PreparedDatabase;
  if (env.databaseUrl) {
    try {
      await checkDatabase(env.databaseUrl);
    } catch (error) {
      throw new StartupError(
        "database_unreachable",
        `Cannot connect to DATABASE_URL (${oneLine(error)}): check that PostgreSQL is running and the URL is right, or unset DATABASE_URL to use the embedded database.`,
      );
    }
    prepared = { url: env.databaseUrl, embedded: false, description: "DATABASE_URL" };
  } else {
    const dataDir = path.join(env.dataDir, "postgres");
    try {
      const embedded = await startEmbeddedPostgres({ dataDir, port: env.embeddedPgPort });
      cleanup.push("embedded PostgreSQL", () => embedded.stop());
      prepared = { url: embedded.url, embedded: true, description: `data in ${dataDir}` };
    } catch (error) {
      if (isStartupError(error)) throw error;
      const reason = oneLine(error);
      if (/already in use|EADDRINUSE/i.test(reason)) {
        throw new StartupError(
          "port_in_use",
          `Port ${env.embeddedPgPort} for the embedded PostgreSQL is already in use: stop the program using it, set SWITCHYARD_EMBEDDED_PG_PORT to a free port, or set DATABASE_URL to use your own database.`,
        );
      }
      throw new StartupError(
        "embedded_postgres_failed",
        `Embedded PostgreSQL (data in ${dataDir}) did not start (${reason}): set DATABASE_URL to use your own database, or move that folder away to start afresh.`,
      );
    }
  }
  try {
    const { applied, secretsEncrypted } = await migrate(prepared.url, {
      migrationsDir: options.migrationsDir,
      encryptionKey: options.encryptionKey,
    });
    if (applied.length > 0) options.log(`applied ${applied.length} database migration(s)`);
    if (secretsEncrypted > 0) options.log(`encrypted ${secretsEncrypted} stored secret(s)`);
  } catch (error) {
    throw new StartupError("migration_failed", `Database migration failed: ${oneLine(error)}`);
  }
  return prepared;
}
