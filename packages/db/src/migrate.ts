import { defaultMigrationsDir, readMigrationList } from "./migrations-dir";
import { openSchemaEngine } from "./schema-engine";

export interface MigrateOptions {
  /** Folder holding the <timestamp>_<name>/migration.sql folders. Default: the repo's prisma/migrations. */
  migrationsDir?: string;
  /** Receives the schema engine's log lines (JSON). */
  onLog?: (line: string) => void;
}

/**
 * Applies every migration in prisma/migrations not yet applied to `databaseUrl`, recording them in
 * the standard _prisma_migrations table. Returns the names applied by this call (empty when the
 * database was up to date).
 */
export async function migrate(
  databaseUrl: string,
  options: MigrateOptions = {},
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
