/**
 * Storage for a standalone gateway process (`switchyard-gateway --wiring apps/web/server/gateway-wiring.ts`):
 * the same wiring as the app (repositories, change feeds, limits; Redis when REDIS_URL is set)
 * against the PostgreSQL the console uses, so several gateway instances can run behind a load
 * balancer. Needs DATABASE_URL, and SWITCHYARD_ENCRYPTION_KEY unless the data directory's
 * secrets.json (written by `pnpm start`) holds it.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkDatabase, createPrisma } from "@switchyard/db";
import { getEnv } from "../src/server/env";
import { buildGateway } from "../src/server/gateway";
import { createLogger } from "../src/server/logger";
import { readStoredSecrets } from "../src/server/secrets";
import { StartupError } from "../src/server/startup-error";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

export default async function gatewayWiring() {
  const env = getEnv(repoRoot);
  if (!env.databaseUrl) {
    throw new StartupError(
      "database_url_missing",
      "DATABASE_URL must point at the PostgreSQL the console uses.",
    );
  }
  const stored = env.encryptionKey
    ? {}
    : await readStoredSecrets(path.join(env.dataDir, "secrets.json"));
  const encryptionKey = env.encryptionKey ?? stored.encryptionKey;
  if (!encryptionKey) {
    throw new StartupError(
      "encryption_key_missing",
      "SWITCHYARD_ENCRYPTION_KEY must be set to the key the console encrypts provider credentials with.",
    );
  }
  await checkDatabase(env.databaseUrl);
  const prisma = createPrisma(env.databaseUrl);
  const running = await buildGateway({
    prisma,
    databaseUrl: env.databaseUrl,
    encryptionKey,
    logger: createLogger(env.logLevel),
    maxBodyBytes: env.maxBodyBytes,
    redisUrl: env.redisUrl,
  });
  return {
    gateway: running.gateway,
    async close() {
      await running.close();
      await prisma.$disconnect();
    },
  };
}
