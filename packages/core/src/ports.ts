import type { ApiKeyInfo, ModelInfo, PublishedPolicy, RequestLogEntry, TeamInfo } from "./domain";

/**
 * What the gateway needs from storage. packages/db implements these against Postgres; tests use
 * in-memory versions. None of them is called per request once caches are warm.
 */
export interface KeyStore {
  /** The key whose SHA-256 hex digest is `hash`, or null. Revoked and expired keys are returned. */
  findByHash(hash: string): Promise<ApiKeyInfo | null>;
  /** Record that keys were used (batched, best effort). */
  touchLastUsed(usage: ReadonlyMap<string, Date>): Promise<void>;
}

/** Everything routing needs, loaded at start and reloaded when it changes. */
export interface RoutingSnapshot {
  models: ModelInfo[];
  teams: TeamInfo[];
  policies: PublishedPolicy[];
}

export interface ConfigStore {
  loadSnapshot(): Promise<RoutingSnapshot>;
}

/** Accounting sink: one call per batch of finished requests; must be safe to retry. */
export interface UsageSink {
  writeBatch(entries: readonly RequestLogEntry[]): Promise<void>;
}

export type ChangeTopic = "keys" | "config" | "budgets";

export interface ChangeMessage {
  topic: ChangeTopic;
  /** e.g. a key hash, a team id; absent = everything under the topic. */
  id?: string;
}

/** Cross-instance invalidation (Postgres LISTEN/NOTIFY or Redis pub/sub). */
export interface ChangeFeed {
  publish(message: ChangeMessage): Promise<void>;
  subscribe(listener: (message: ChangeMessage) => void): Promise<() => Promise<void>>;
}
