/**
 * Writes a new migration folder from the difference between the schema as of the last migration
 * (a snapshot kept beside the migrations) and the current prisma/schema.prisma. The Wasm schema
 * engine cannot create the shadow database `prisma migrate dev` uses, so the snapshot stands in
 * for "the schema the migrations produce".
 */
import { existsSync } from "node:fs";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { DiffTarget } from "@prisma/schema-engine-wasm";
import { describeEngineError } from "./migrate";
import { MIGRATION_LOCK_CONTENT, MIGRATION_LOCK_FILE } from "./migrations-dir";
import { openSchemaEngine } from "./schema-engine";

export const SCHEMA_SNAPSHOT_FILE = "schema.snapshot.prisma";

export interface CreateMigrationOptions {
  name: string;
  schemaPath: string;
  migrationsDir: string;
  /** Any reachable PostgreSQL: the engine connects on start, the diff itself touches nothing. */
  databaseUrl: string;
  now?: Date;
}

export interface CreatedMigration {
  /** Folder name, e.g. 20260101120000_add_budgets; null when the schema had no changes. */
  name: string | null;
  sql: string;
}

export function migrationFolderName(name: string, now: Date): string {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (slug === "") throw new Error(`invalid migration name "${name}": use letters, digits and _`);
  const stamp = now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return `${stamp}_${slug}`;
}

/**
 * SQL turning the schema `from` (null = empty database) into `to`. The engine insists on a live
 * connection to start, but reads and changes nothing in that database.
 */
export async function diffSchemas(
  databaseUrl: string,
  from: string | null,
  to: string,
): Promise<string> {
  const opened = await openSchemaEngine(databaseUrl);
  const fromTarget: DiffTarget =
    from === null
      ? { tag: "empty" }
      : { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: from }] };
  try {
    const result = await opened.engine.diff({
      from: fromTarget,
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: to }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? "";
  } catch (error) {
    throw new Error(`schema diff failed: ${describeEngineError(error)}`, { cause: error });
  } finally {
    await opened.close();
  }
}

/** True when the engine's script has no statement (it prints a comment for an empty diff). */
export function isEmptyMigration(sql: string): boolean {
  return sql
    .split("\n")
    .map((line) => line.trim())
    .every((line) => line === "" || line.startsWith("--"));
}

export async function createMigration(options: CreateMigrationOptions): Promise<CreatedMigration> {
  const snapshotPath = join(options.migrationsDir, SCHEMA_SNAPSHOT_FILE);
  const current = await readFile(options.schemaPath, "utf8");
  const previous = existsSync(snapshotPath) ? await readFile(snapshotPath, "utf8") : null;
  const sql = await diffSchemas(options.databaseUrl, previous, current);
  if (isEmptyMigration(sql)) return { name: null, sql };

  const name = migrationFolderName(options.name, options.now ?? new Date());
  const folder = join(options.migrationsDir, name);
  if (existsSync(folder)) throw new Error(`migration folder already exists: ${folder}`);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, "migration.sql"), sql);
  const lockPath = join(options.migrationsDir, MIGRATION_LOCK_FILE);
  if (!existsSync(lockPath)) await writeFile(lockPath, MIGRATION_LOCK_CONTENT);
  await copyFile(options.schemaPath, snapshotPath);
  return { name, sql };
}
