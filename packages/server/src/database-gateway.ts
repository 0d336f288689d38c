/** A gateway over a Switchyard database: the repositories as ports, PostgreSQL change notices. */

import type { LearnedRouterStore, OutcomeStore, RequestLogEntry } from "@switchyard/core";
import { createPgChangeFeed, createRepositories, type PrismaClient } from "@switchyard/db";
import type { GatewayOptions } from "@switchyard/gateway";
import type { Logger } from "pino";
import { buildGateway, type RunningGateway } from "./build-gateway";
import { type RetrainScheduler, startRetrainScheduler } from "./learning";

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
  /**
   * Scheduled training of the teams' learned routers (SWITCHYARD_RETRAIN_INTERVAL_MS; 0 = off).
   * Trains on the database's outcomes unless another outcome store is given.
   */
  learning?: { outcomes?: OutcomeStore | undefined; retrainIntervalMs: number };
}

export interface DatabaseGateway extends RunningGateway {
  /** The learned routers of this database (what the gateway routes with; training writes here). */
  learnedRouters: LearnedRouterStore;
  /** Scheduled training, or null when it is off (no outcome store, or an interval of 0). */
  retrainer: RetrainScheduler | null;
  /** The outcome store training reads (the console's train endpoint uses the same), or null. */
  outcomes: OutcomeStore | null;
}

export async function buildDatabaseGateway(input: DatabaseGatewayInput): Promise<DatabaseGateway> {
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
        responses: repositories.responses,
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
  const outcomes = input.learning?.outcomes ?? repositories.outcomes;
  const intervalMs = input.learning?.retrainIntervalMs ?? 0;
  const retrainer =
    outcomes !== undefined && intervalMs > 0
      ? startRetrainScheduler(
          {
            outcomes,
            routers: repositories.learnedRouters,
            config: repositories.config,
            changes: feed,
            logger,
          },
          { intervalMs },
        )
      : null;
  if (retrainer !== null) logger.info({ intervalMs }, "learned router training scheduled");
  else if (intervalMs > 0) logger.info("learned router training off: no outcome store");
  return {
    ...running,
    learnedRouters: repositories.learnedRouters,
    retrainer,
    outcomes: outcomes ?? null,
    async close() {
      await retrainer?.stop();
      await running.close();
      await feed.close().catch(() => undefined);
    },
  };
}
