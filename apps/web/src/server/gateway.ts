/**
 * The process's gateway, for the Next.js route file under /api/v1. The production server builds it
 * at start (@switchyard/server) and registers it here; under `next dev` (no production server) the
 * first request builds one from the environment.
 */
import { gatewayUnavailableResponse } from "@switchyard/gateway";
import { buildDatabaseGateway, createLogger, type RunningGateway } from "@switchyard/server";
import { getPrisma } from "./db";
import { getEnv } from "./env";

const slot = Symbol.for("switchyard.web.gateway");
type Holder = { [slot]?: Promise<RunningGateway> };
const holder = globalThis as Holder;

/** Make `running` the process's gateway (the production server calls this once at start). */
export function registerGateway(running: RunningGateway): void {
  holder[slot] = Promise.resolve(running);
}

function getGateway(): Promise<RunningGateway> {
  const existing = holder[slot];
  if (existing) return existing;
  const env = getEnv();
  const pending = (async () => {
    if (!env.databaseUrl || !env.encryptionKey) {
      throw new Error("DATABASE_URL and SWITCHYARD_ENCRYPTION_KEY must be set to serve /v1");
    }
    return buildDatabaseGateway({
      prisma: getPrisma(),
      databaseUrl: env.databaseUrl,
      encryptionKey: env.encryptionKey,
      logger: createLogger(env.logLevel),
      redisUrl: env.redisUrl,
      options: { maxBodyBytes: env.maxBodyBytes, allowedPrivateHosts: env.allowedPrivateHosts },
    });
  })();
  holder[slot] = pending;
  pending.catch(() => {
    if (holder[slot] === pending) delete holder[slot];
  });
  return pending;
}

/** Route-file entry point: the gateway's WHATWG adapter, with a clean 503 when it cannot start. */
export async function handleGatewayRequest(request: Request): Promise<Response> {
  let running: RunningGateway;
  try {
    running = await getGateway();
  } catch (error) {
    createLogger(getEnv().logLevel).error(
      { err: error instanceof Error ? error.message : String(error) },
      "gateway unavailable",
    );
    return gatewayUnavailableResponse(request);
  }
  return running.gateway.handleWeb(request);
}
