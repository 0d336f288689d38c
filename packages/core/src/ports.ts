import type {
  ApiKeyInfo,
  ModelInfo,
  PublishedPolicy,
  RequestLogEntry,
  RequestStatus,
  TeamInfo,
} from "./domain";
import type { LearnedRouterRef } from "./learned-routers";

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
  /** Each team's newest learned router per policy and target (absent: none, every target cold). */
  learnedRouters?: LearnedRouterRef[];
}

export interface ConfigStore {
  loadSnapshot(): Promise<RoutingSnapshot>;
}

/**
 * Accounting sink: one call per batch of finished requests; must be safe to retry (writing a
 * batch again changes nothing). It throws UsageRowsRejected when the store refused the batch for
 * what its rows hold (retrying the same rows cannot help; split them), and any other error when
 * the store could not take it (down, unreachable, overloaded: retry later).
 */
export interface UsageSink {
  writeBatch(entries: readonly RequestLogEntry[]): Promise<void>;
}

/** The store refused a batch because of what one of its rows holds (e.g. a value out of range). */
export class UsageRowsRejected extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UsageRowsRejected";
  }
}

/** A logged request as feedback reads it. */
export interface LoggedRequest {
  id: string;
  teamId: string;
  apiKeyId: string | null;
  /** The routing policy (not its version) that routed the request; null when none did. */
  policyId: string | null;
  /** The model whose answer was served; null when none was. */
  routedModel: string | null;
  status: RequestStatus;
  tags: string[];
  /** The router's features of the prompt, when the request was logged with them. */
  routingFeatures: unknown;
  /** Only when the team logs content. */
  promptText: string | null;
  createdAt: Date;
}

/**
 * Single request-log rows, for feedback on a request: a read per feedback call, never on the
 * routing path.
 */
export interface RequestLogReader {
  /** The team's request with this id; null when there is none (or it is another team's). */
  findRequest(teamId: string, requestId: string): Promise<LoggedRequest | null>;
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

/** A budget as stored (validated by @switchyard/limits' parseBudget); USD as a decimal string. */
export interface BudgetRow {
  id: string;
  name?: string;
  scope: "team" | "key";
  teamId: string;
  /** Display names for refusal messages, which callers read and which never show internal ids. */
  teamName?: string;
  apiKeyId?: string;
  apiKeyName?: string;
  period: "day" | "week" | "month" | "lifetime";
  /** The team's IANA time zone: periods start at its midnight. */
  timeZone: string;
  limitUsd: string;
  alertThresholds: number[];
  action: "block" | "downgrade";
}

/** Requests / tokens per minute of a team or an API key (validated by parseRateLimit). */
export interface RateLimitRow {
  scope: "team" | "key";
  /** The team id or the API key id. */
  id: string;
  /** The team's or key's display name, for refusal messages. */
  name?: string;
  rpm?: number;
  tpm?: number;
}

/** A budget threshold crossed for the first time in a period. */
export interface BudgetAlertRecord {
  budgetId: string;
  /** Milliseconds since the epoch. */
  periodStart: number;
  threshold: number;
  spentPicos: number;
}

/** Budgets, rate limits and alerts: loaded at start and on change, never per request. */
export interface LimitsStore {
  loadLimits(): Promise<{
    budgets: BudgetRow[];
    rateLimits: RateLimitRow[];
    /** Team id → fail mode when the shared limits store is unreachable. */
    failModes: Record<string, "open" | "closed">;
  }>;
  /** Spend of each budget since the start of the given period (request log), for rebuilding counters. */
  spendSincePeriodStart(
    periods: readonly { budgetId: string; periodStart: number }[],
  ): Promise<{ budgetId: string; periodStart: number; spentPicos: number }[]>;
  /** Store the alert once per (budget, period, threshold); true when this call recorded it. */
  recordAlert(alert: BudgetAlertRecord): Promise<boolean>;
  /** The budget's webhook, if it has one. */
  webhookFor(budgetId: string): Promise<{ url: string; secret: string } | null>;
}

/**
 * Exact-match response cache (a policy's `cache`): answers by key, each with its own time to live.
 * Best effort: an implementation that cannot answer returns null (a miss), never throws.
 */
export interface ResponseCache {
  get(key: string): Promise<string | null> | string | null;
  set(key: string, value: string, ttlMs: number): Promise<void> | void;
  close?(): Promise<void>;
}

/** A response of POST /v1/responses kept for GET /v1/responses/{id} and previous_response_id. */
export interface StoredResponse {
  /** The response's id (resp_…). */
  id: string;
  teamId: string;
  createdAt: Date;
  /** Never served from this time on (the team's retention when it was stored). */
  expiresAt: Date;
  /** The Response object, as the create call answered it. */
  response: Record<string, unknown>;
  /** The input items it was made from (a chain's earlier turns first), each with an id. */
  inputItems: Record<string, unknown>[];
}

/** Where stored responses are kept (PostgreSQL), per team. */
export interface ResponseStore {
  /** Write responses (an id already stored is left as it is, so a retried batch changes nothing). */
  writeBatch(responses: readonly StoredResponse[]): Promise<void>;
  /** The team's response with this id, unless absent or expired at `now`. */
  find(teamId: string, id: string, now: Date): Promise<StoredResponse | null>;
  /** Delete the team's response with this id; true when there was one (not expired). */
  delete(teamId: string, id: string, now: Date): Promise<boolean>;
  /** Delete up to `limit` responses expired at `now`; answers how many went. */
  deleteExpired(now: Date, limit: number): Promise<number>;
}
