/**
 * pnpm db:migrate: applies prisma/migrations to the database at DATABASE_URL (which must exist).
 * The app also migrates on start, so this is for deployments and for databases managed by hand.
 */
import { migrate } from "../src/migrate";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error(
    "set DATABASE_URL, e.g. DATABASE_URL=postgresql://user@host:5432/switchyard pnpm db:migrate",
  );
  process.exit(2);
}

try {
  const { applied } = await migrate(databaseUrl);
  console.log(
    applied.length === 0
      ? "database is up to date: no migration applied"
      : `applied ${applied.length} migration(s): ${applied.join(", ")}`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
