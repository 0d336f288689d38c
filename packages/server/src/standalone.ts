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
import { defaultGatewayOptions, startGatewayServer } from "@switchyard/gateway";
import { buildDatabaseGateway } from "./database-gateway";
import { createLogger } from "./logger";
import { startIdleCollector } from "./ops/idle-gc";
import { createOps } from "./ops/ops-routes";
import { readStoredSecrets, SECRETS_FILE } from "./secrets";
import { parseGatewaySettings } from "./settings";
import { oneLine, StartupError } from "./startup-error";
import { setUpTracing } from "./tracing";

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
  // Spans over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.
  const tracing = setUpTracing();
  if (tracing) logger.info("OpenTelemetry traces exported over OTLP");
  const prisma = createPrisma(settings.databaseUrl);
  const ops = createOps({
    metricsToken: settings.metricsToken,
    queueMax: defaultGatewayOptions.usageQueueMax,
    spoolMaxBytes: settings.spoolMaxBytes,
  });
  // One full GC once the process goes quiet after a busy period (SWITCHYARD_IDLE_GC_MS).
  const idleGc = startIdleCollector({ idleMs: settings.idleGcMs });
  const running = await buildDatabaseGateway({
    prisma,
    databaseUrl: settings.databaseUrl,
    encryptionKey,
    logger,
    redisUrl: settings.redisUrl,
    onRequestFinished: (record) => {
      idleGc.collector.noteRequest();
      ops.metrics.observe(record);
    },
    options: {
      maxBodyBytes: settings.maxBodyBytes,
      allowedPrivateHosts: settings.allowedPrivateHosts,
      spoolDir: settings.spoolDir,
      spoolMaxBytes: settings.spoolMaxBytes,
      keyStaleMs: settings.keyStaleMs,
    },
    learning: { retrainIntervalMs: settings.retrainIntervalMs },
  });
  ops.attach(running, {
    database: async () => {
      await prisma.$queryRaw`select 1`;
    },
  });
  const server = await startGatewayServer({
    gateway: running.gateway,
    port: settings.port,
    host: settings.host,
    routes: ops.routes,
    limits: settings.server,
  });
  console.log(`switchyard-gateway listening on ${server.url}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, inFlight: running.gateway.inFlight }, "shutting down");
    ops.probes.drain();
    idleGc.stop();
    const drained = await server.close(settings.server.drainTimeoutMs);
    await running.close();
    await tracing?.shutdown().catch(() => undefined);
    await prisma.$disconnect();
    logger.info({ ...drained, ...running.gateway.usageStats() }, "stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(`switchyard-gateway: ${oneLine(error)}`);
  process.exit(error instanceof StartupError ? 2 : 1);
});
