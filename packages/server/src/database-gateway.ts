/** A gateway over a Switchyard database: the repositories as ports, PostgreSQL change notices. */

import type { RequestLogEntry } from "@switchyard/core";
import { createPgChangeFeed, createRepositories, type PrismaClient } from "@switchyard/db";
import type { GatewayOptions } from "@switchyard/gateway";
import type { Logger } from "pino";
import { buildGateway, type RunningGateway } from "./build-gateway";

export interface DatabaseGatewayInput {
  /** The process's one Prisma client (its pool serves the gateway's reads and the log writer). */
  prisma: PrismaClient;
  /** For the LISTEN connection of the change feed. */
  databaseUrl: string;
  /** Decrypts provider credentials (the key the console encrypted them with). */
  encryptionKey: string;
  logger: Logger;
  /** Told about every finished request (per-model metrics). */
  onRequestFinished?: (entry: RequestLogEntry) => void;
  redisUrl?: string | undefined;
  options?: Partial<GatewayOptions>;
}

export async function buildDatabaseGateway(input: DatabaseGatewayInput): Promise<RunningGateway> {
  const { logger } = input;
  const repositories = createRepositories(input.prisma, {
    encryptionKey: input.encryptionKey,
    onWarning: (message) => logger.warn(message),
  });
  const feed = createPgChangeFeed(input.databaseUrl, {
    onError: (message) => logger.warn({ feed: "changes" }, message),
  });
  let running: RunningGateway;
  try {
    running = await buildGateway({
      ports: {
        keys: repositories.keys,
        config: repositories.config,
        usage: repositories.usage,
        limitsStore: repositories.limits,
        changes: feed,
        outcomes: repositories.outcomes,
        requests: repositories.requests,
      },
      logger,
      redisUrl: input.redisUrl,
      ...(input.options === undefined ? {} : { options: input.options }),
      ...(input.onRequestFinished === undefined
        ? {}
        : { onRequestFinished: input.onRequestFinished }),
    });
  } catch (error) {
    await feed.close().catch(() => undefined);
    throw error;
  }
  return {
    ...running,
    async close() {
      await running.close();
      await feed.close().catch(() => undefined);
    },
  };
}
