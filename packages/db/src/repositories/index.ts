import type {
  ConfigStore,
  KeyStore,
  LearnedRouterStore,
  LimitsStore,
  OutcomeStore,
  RequestLogReader,
  ResponseStore,
  UsageSink,
} from "@switchyard/core";
import type { PrismaClient } from "../generated/client";
import { PrismaConfigStore } from "./config-store";
import { PrismaKeyStore } from "./key-store";
import { PrismaLearnedRouterStore } from "./learned-router-store";
import { PrismaLimitsStore } from "./limits-store";
import { PrismaOutcomeStore } from "./outcome-store";
import { PrismaRequestLogReader } from "./request-log-reader";
import { PrismaResponseStore } from "./response-store";
import { PrismaUsageSink } from "./usage-sink";

export { PrismaConfigStore } from "./config-store";
export { PrismaKeyStore } from "./key-store";
export { PrismaLearnedRouterStore } from "./learned-router-store";
export { PrismaLimitsStore } from "./limits-store";
export { OUTCOME_COMMENT_MAX, PrismaOutcomeStore } from "./outcome-store";
export { PrismaRequestLogReader } from "./request-log-reader";
export { PrismaResponseStore } from "./response-store";
export { PrismaUsageSink } from "./usage-sink";

export interface RepositoryOptions {
  /** Key for provider credentials and webhook secrets (64 hex characters or base64 of 32 bytes). */
  encryptionKey: string;
  /** Told about models left out of or disabled in the routing snapshot, and undecryptable secrets. */
  onWarning?: (message: string) => void;
}

/** Postgres implementations of @switchyard/core's storage ports. */
export function createRepositories(
  prisma: PrismaClient,
  options: RepositoryOptions,
): {
  keys: KeyStore;
  config: ConfigStore;
  usage: UsageSink;
  limits: LimitsStore;
  outcomes: OutcomeStore;
  requests: RequestLogReader;
  learnedRouters: LearnedRouterStore;
  responses: ResponseStore;
} {
  return {
    keys: new PrismaKeyStore(prisma),
    config: new PrismaConfigStore(prisma, options),
    usage: new PrismaUsageSink(prisma),
    limits: new PrismaLimitsStore(prisma, options),
    outcomes: new PrismaOutcomeStore(prisma),
    requests: new PrismaRequestLogReader(prisma),
    learnedRouters: new PrismaLearnedRouterStore(prisma),
    responses: new PrismaResponseStore(prisma),
  };
}
