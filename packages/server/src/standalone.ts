/**
 * The standalone gateway process (`switchyard-gateway`): /v1/* and /api/v1/* on a plain node:http
 * server, over the PostgreSQL the console uses (and Redis when REDIS_URL is set), so several
 * instances can run behind a load balancer. Needs DATABASE_URL, and SWITCHYARD_ENCRYPTION_KEY
 * unless the data directory's secrets.json (written by `pnpm start`) holds it. Bundled into
 * dist/switchyard-gateway.mjs by scripts/build.mjs; it never loads the embedded database.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { checkDatabase, createPrisma } from "@switchyard/db";
import { startGatewayServer } from "@switchyard/gateway";
import { buildDatabaseGateway } from "./database-gateway";
import { createLogger } from "./logger";
import { readStoredSecrets, SECRETS_FILE } from "./secrets";
import { parseGatewaySettings } from "./settings";
import { oneLine, StartupError } from "./startup-error";

const USAGE = "usage: switchyard-gateway [--port 8080] [--host 127.0.0.1]  (env: DATABASE_URL, …)";

/** packages/server: one level above both src/ and dist/. */
const repoRoot = path.resolve(fileURLToPath(new URL("..", import.meta.url)), "..", "..");

function settingsFromArgs() {
  const { values } = parseArgs({
    options: { port: { type: "string" }, host: { type: "string" }, help: { type: "boolean" } },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return parseGatewaySettings(
    {
      ...process.env,
      ...(values.port === undefined ? {} : { PORT: values.port }),
      ...(values.host === undefined ? {} : { HOST: values.host }),
    },
    repoRoot,
  );
}

async function main(): Promise<void> {
  const settings = settingsFromArgs();
  if (!settings.databaseUrl) {
    throw new StartupError(
      "database_url_missing",
      "DATABASE_URL must point at the PostgreSQL the console uses.",
    );
  }
  const stored = settings.encryptionKey
    ? {}
    : await readStoredSecrets(path.join(settings.dataDir, SECRETS_FILE));
  const encryptionKey = settings.encryptionKey ?? stored.encryptionKey;
  if (!encryptionKey) {
    throw new StartupError(
      "encryption_key_missing",
      "SWITCHYARD_ENCRYPTION_KEY must be set to the key the console encrypts provider credentials with.",
    );
  }
  await checkDatabase(settings.databaseUrl);
  const logger = createLogger(settings.logLevel);
  const prisma = createPrisma(settings.databaseUrl);
  const running = await buildDatabaseGateway({
    prisma,
    databaseUrl: settings.databaseUrl,
    encryptionKey,
    logger,
    redisUrl: settings.redisUrl,
    options: {
      maxBodyBytes: settings.maxBodyBytes,
      allowedPrivateHosts: settings.allowedPrivateHosts,
    },
  });
  const server = await startGatewayServer({
    gateway: running.gateway,
    port: settings.port,
    host: settings.host,
  });
  console.log(`switchyard-gateway listening on ${server.url}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await running.close();
    await prisma.$disconnect();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(`switchyard-gateway: ${oneLine(error)}`);
  process.exit(error instanceof StartupError ? 2 : 1);
});
