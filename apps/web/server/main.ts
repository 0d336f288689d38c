/**
 * The production server behind `pnpm start`: one process, one port. /v1/* and /api/v1/* go to the
 * gateway's node:http adapter, /metrics, /health and /ready to the operations endpoints, everything
 * else to Next.js. On SIGTERM it drains (see drainServer) and exits 0. Bundled into dist/server.mjs
 * by scripts/build-server.mjs.
 */
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createPrisma } from "@switchyard/db";
import { seed } from "@switchyard/db/seed";
import {
  applyServerLimits,
  type DrainResult,
  defaultGatewayOptions,
  defaultServerLimits,
} from "@switchyard/gateway";
import { startMockLlm } from "@switchyard/mock-llm";
import {
  buildDatabaseGateway,
  createLogger,
  createOps,
  loadOrCreateSecrets,
  oneLine,
  type RunningGateway,
  seedDemoHistory,
  setUpTracing,
  startIdleCollector,
} from "@switchyard/server";
import next from "next";
import { setPrisma } from "../src/server/db";
import { exportRuntimeValues, getEnv, prepareProductionProcess } from "../src/server/env";
import { registerGateway } from "../src/server/gateway";
import { registerOutcomeStore } from "../src/server/outcomes";
import { formatBanner, publicUrl, redactDatabaseUrl } from "./banner";
import { CleanupStack } from "./cleanup-stack";
import { prepareDatabase } from "./database";
import { createDispatcher } from "./dispatch";
import { assertPortFree, listen } from "./ports";
import { installSignalHandlers } from "./signals";

prepareProductionProcess();

// A closed stdout/stderr (e.g. the pipe to `tee` died with the same Ctrl-C) must not crash the
// shutdown half-way.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
}

/** apps/web: one level above both server/main.ts and dist/server.mjs. */
const appDir = fileURLToPath(new URL("..", import.meta.url));
const repoRoot = path.resolve(appDir, "..", "..");
const cleanup = new CleanupStack();

async function start(): Promise<void> {
  const env = getEnv(repoRoot);
  const logger = createLogger(env.logLevel);

  await assertPortFree(env.port, env.host, "PORT");
  if (env.mockPort !== 0) await assertPortFree(env.mockPort, "127.0.0.1", "SWITCHYARD_MOCK_PORT");

  const secrets = await loadOrCreateSecrets(env.dataDir, {
    nextAuthSecret: env.nextAuthSecret,
    encryptionKey: env.encryptionKey,
    demoKey: env.demoKey,
  });

  const database = await prepareDatabase({
    env,
    cleanup,
    migrationsDir: path.join(repoRoot, "prisma", "migrations"),
    encryptionKey: secrets.encryptionKey,
    log: (message) => logger.info(message),
  });

  // The one pool of the process: the gateway, the log writer and the console's handlers share it.
  const prisma = createPrisma(database.url);
  setPrisma(prisma);
  cleanup.push("database client", () => prisma.$disconnect());

  const mock = await startMockLlm({ port: env.mockPort, host: "127.0.0.1" });
  cleanup.push("mock LLM", () => mock.close());

  const seeded = await seed(prisma, {
    ownerEmail: env.ownerEmail,
    ownerPassword: env.ownerPassword,
    mockBaseUrl: mock.url,
    encryptionKey: secrets.encryptionKey,
    demoKey: secrets.demoKey,
  });

  // First start: thirty days of generated demo traffic, so the overview shows routing at work.
  const demoRequests = await seedDemoHistory(prisma, { encryptionKey: secrets.encryptionKey });
  if (demoRequests > 0)
    logger.info({ requests: demoRequests }, "generated the demo team's traffic history");

  // The demo's models point at its own mock LLM on loopback: allowed by address and port (not
  // the rest of 127.0.0.1), for the gateway and for the console's checks of saved URLs.
  const allowedPrivateHosts = [...env.allowedPrivateHosts, new URL(mock.url).host];
  exportRuntimeValues({
    databaseUrl: database.url,
    nextAuthSecret: secrets.nextAuthSecret,
    nextAuthUrl: env.nextAuthUrl,
    encryptionKey: secrets.encryptionKey,
    allowedPrivateHosts,
  });

  // Spans over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (flushed last, after the drain).
  const tracing = setUpTracing();
  if (tracing) {
    logger.info("OpenTelemetry traces exported over OTLP");
    cleanup.push("traces", () => tracing.shutdown());
  }
  const ops = createOps({
    metricsToken: env.metricsToken,
    queueMax: defaultGatewayOptions.usageQueueMax,
    spoolMaxBytes: env.spoolMaxBytes,
  });
  // One full GC once the process goes quiet after a busy period: gives the heap V8 grew under load
  // back (see SWITCHYARD_IDLE_GC_MS in ENV.md).
  const idleGc = startIdleCollector({ idleMs: env.idleGcMs });
  cleanup.push("idle collector", () => idleGc.stop());
  const running = await buildDatabaseGateway({
    prisma,
    databaseUrl: database.url,
    encryptionKey: secrets.encryptionKey,
    logger,
    redisUrl: env.redisUrl,
    onRequestFinished: (record) => {
      idleGc.collector.noteRequest();
      ops.metrics.observe(record);
    },
    options: {
      maxBodyBytes: env.maxBodyBytes,
      allowedPrivateHosts,
      spoolDir: env.spoolDir,
      spoolMaxBytes: env.spoolMaxBytes,
      keyStaleMs: env.keyStaleMs,
    },
    learning: { retrainIntervalMs: env.retrainIntervalMs },
  });
  registerGateway(running);
  // The console's "train now" reads the same outcomes as the schedule (none: it answers 409).
  registerOutcomeStore(running.outcomes);
  ops.attach(running, {
    database: async () => {
      await prisma.$queryRaw`select 1`;
    },
  });
  // Closed after the HTTP server has drained: flushes the request log (or spools it).
  cleanup.push("gateway", () => running.close());

  const app = next({ dev: false, dir: appDir, hostname: env.host, port: env.port });
  await app.prepare();
  cleanup.push("console", () => app.close());
  const handleNext = app.getRequestHandler();

  const server = createServer(
    createDispatcher({
      gateway: (request, response) => running.gateway.handleNode(request, response),
      ops: ops.routes,
      next: (request, response) => {
        handleNext(request, response).catch((error: unknown) => {
          logger.error({ err: oneLine(error) }, "console request failed");
          if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
          response.end("Internal server error");
        });
      },
    }),
  );
  applyServerLimits(server, { ...defaultServerLimits, ...env.server, keepAliveTimeoutMs: 65_000 });
  await listen(server, env.port, env.host, "PORT");
  cleanup.push("http server", async () => {
    // Out of rotation first (/ready answers 503), then let API calls and streams finish.
    ops.probes.drain();
    const drained = await drainServer(server, running, env.server.drainTimeoutMs);
    logger.info({ ...drained, ...running.gateway.usageStats() }, "http server drained");
  });

  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.port;
  console.log(
    formatBanner({
      consoleUrl: env.nextAuthUrl?.replace(/\/$/, "") ?? publicUrl(env.host, port),
      ownerEmail: seeded.ownerEmail,
      ownerPassword: env.ownerPassword,
      passwordIsDefault: env.ownerPasswordIsDefault,
      demoKey: seeded.demoKey ?? secrets.demoKey,
      database: database.embedded
        ? `embedded PostgreSQL (${database.description})`
        : redactDatabaseUrl(database.url),
    }),
  );
}

/**
 * Stop accepting connections, let the gateway's requests in flight (streams included) and the
 * console's finish for up to `graceMs`, end what is left cleanly (streams with an in-band error,
 * waiting API calls with a 503), then close every connection.
 */
async function drainServer(
  server: ReturnType<typeof createServer>,
  running: RunningGateway,
  graceMs: number,
): Promise<DrainResult> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const drained = await running.gateway.drain(graceMs);
  // Console requests (not tracked by the gateway) get what is left of a short wait.
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
  server.closeAllConnections();
  await closed;
  return drained;
}

async function stop(exitCode: number): Promise<never> {
  const failures = await cleanup.runAll();
  for (const failure of failures) console.error(`switchyard: while stopping, ${failure}`);
  process.exit(exitCode);
}

installSignalHandlers({
  onFirst: (signal) => {
    const why = signal === "launcher exited" ? "The launcher exited" : `Received ${signal}`;
    console.log(`\n${why}, shutting down (press Ctrl-C again to force)...`);
    void stop(0);
  },
  onSecond: () => {
    console.error("switchyard: forced exit before shutdown finished.");
    process.exit(1);
  },
});

start().catch(async (error: unknown) => {
  console.error(`switchyard: ${oneLine(error)}`);
  await stop(1);
});
