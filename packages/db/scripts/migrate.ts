/**
 * pnpm db:migrate: applies prisma/migrations to the database at DATABASE_URL (which must exist).
 * The app also migrates on start, so this is for deployments and for databases managed by hand.
 * With SWITCHYARD_ENCRYPTION_KEY set it also encrypts secrets still stored in plain text (the app
 * does this on start with its key).
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
  const encryptionKey = process.env.SWITCHYARD_ENCRYPTION_KEY || undefined;
  const { applied, secretsEncrypted } = await migrate(databaseUrl, { encryptionKey });
  console.log(
    applied.length === 0
      ? "database is up to date: no migration applied"
      : `applied ${applied.length} migration(s): ${applied.join(", ")}`,
  );
  if (secretsEncrypted > 0) console.log(`encrypted ${secretsEncrypted} stored secret(s)`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
