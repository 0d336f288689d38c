/**
 * pnpm db:migration:create <name>
 * Diffs prisma/migrations/schema.snapshot.prisma (the schema as of the last migration) against
 * prisma/schema.prisma and writes prisma/migrations/<timestamp>_<name>/migration.sql.
 * DATABASE_URL (default: the local PostgreSQL) only has to be reachable: nothing is changed there.
 */
import { fileURLToPath } from "node:url";
import { createMigration } from "../src/create-migration";

const name = process.argv.slice(2).find((argument) => argument !== "--");
if (!name) {
  console.error("usage: pnpm db:migration:create <name>");
  process.exit(2);
}

// The engine needs some PostgreSQL to start (it changes nothing there).
const databaseUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const schemaPath = fileURLToPath(new URL("../../../prisma/schema.prisma", import.meta.url));
const migrationsDir = fileURLToPath(new URL("../../../prisma/migrations", import.meta.url));

try {
  const created = await createMigration({ name, schemaPath, migrationsDir, databaseUrl });
  if (created.name === null) {
    console.log("schema.prisma has no changes since the last migration: nothing written");
  } else {
    console.log(`wrote prisma/migrations/${created.name}/migration.sql`);
    console.log("apply it with: pnpm db:migrate");
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
