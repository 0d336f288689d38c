import { defaultMigrationsDir, readMigrationList } from "./migrations-dir";
import { openSchemaEngine } from "./schema-engine";
import { encryptPlainTextSecrets } from "./secrets-at-rest";

export interface MigrateOptions {
  /** Folder holding the <timestamp>_<name>/migration.sql folders. Default: the repo's prisma/migrations. */
  migrationsDir?: string;
  /** Receives the schema engine's log lines (JSON). */
  onLog?: (line: string) => void;
  /**
   * The instance's encryption key: secrets still stored in plain text (from before they were
   * encrypted at rest) are encrypted after the SQL migrations (secrets-at-rest.ts). The app
   * passes it on every start.
   */
  encryptionKey?: string;
}

/**
 * Applies every migration in prisma/migrations not yet applied to `databaseUrl`, recording them in
 * the standard _prisma_migrations table, then (given the encryption key) encrypts secrets left in
 * plain text. Returns the names applied by this call (empty when the database was up to date)
 * and how many secrets it encrypted.
 */
export async function migrate(
  databaseUrl: string,
  options: MigrateOptions = {},
): Promise<{ applied: string[]; secretsEncrypted: number }> {
  const { applied } = await applySqlMigrations(databaseUrl, options);
  const secretsEncrypted = options.encryptionKey
    ? await encryptPlainTextSecrets(databaseUrl, options.encryptionKey).catch((error: unknown) => {
        throw new Error(
          `migration failed: encrypting stored secrets: ${describeEngineError(error)}`,
          {
            cause: error,
          },
        );
      })
    : 0;
  return { applied, secretsEncrypted };
}

async function applySqlMigrations(
  databaseUrl: string,
  options: MigrateOptions,
): Promise<{ applied: string[] }> {
  const migrationsList = await readMigrationList(options.migrationsDir ?? defaultMigrationsDir());
  const opened = await openSchemaEngine(
    databaseUrl,
    options.onLog ? { onLog: options.onLog } : {},
  ).catch((error: unknown) => {
    throw new Error(`migration failed: ${describeEngineError(error)}`, { cause: error });
  });
  try {
    const result = await opened.engine.applyMigrations({
      migrationsList,
      filters: { externalTables: [], externalEnums: [] },
    });
    return { applied: result.appliedMigrationNames };
  } catch (error) {
    throw new Error(`migration failed: ${describeEngineError(error)}`, { cause: error });
  } finally {
    await opened.close();
  }
}

/** The engine rejects with Errors or plain objects, often multi-line: keep one readable line. */
export function describeEngineError(error: unknown): string {
  return oneLine(rawMessage(error));
}

const oneLine = (text: string): string =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join(" ");

function rawMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null) {
    const record = error as Record<string, unknown>;
    if (typeof record.message === "string") return record.message;
    try {
      return JSON.stringify(error);
    } catch {
      return String(error);
    }
  }
  return String(error);
}
