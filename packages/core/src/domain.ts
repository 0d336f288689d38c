/** Domain types shared by the gateway, the router and storage. Money: see money.ts. */

export type Role = "owner" | "admin" | "member" | "viewer";
export const roles: readonly Role[] = ["owner", "admin", "member", "viewer"];

/**
 * What a model can do; a policy's capability gates only ever move a request to a model that can.
 * "embeddings" marks an embedding model: it serves POST /v1/embeddings, never a chat.
 * "reasoning" marks a model that takes a reasoning effort (OpenAI's reasoning_effort, Anthropic's
 * extended thinking, Gemini's thinking budget); other models get the request without it.
 */
export const CAPABILITIES = [
  "tools",
  "vision",
  "json",
  "json_schema",
  "streaming",
  "embeddings",
  "reasoning",
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** An embedding model: it serves POST /v1/embeddings only, never a chat (the router skips it). */
export const isEmbeddingModel = (model: { capabilities: readonly string[] }): boolean =>
  model.capabilities.includes("embeddings");

export const isCapability = (value: string): value is Capability =>
  (CAPABILITIES as readonly string[]).includes(value);

/** Every provider kind (packages/providers has one adapter folder per kind). */
export const PROVIDER_KINDS = [
  "openai",
  "anthropic",
  "gemini",
  "azure-openai",
  "groq",
  "together",
  "mistral",
  "deepseek",
  "fireworks",
  "openrouter",
  "vllm",
  "ollama",
  "mock",
] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export const isProviderKind = (value: string): value is ProviderKind =>
  (PROVIDER_KINDS as readonly string[]).includes(value);

export interface TeamInfo {
  id: string;
  slug: string;
  name: string;
  /** Model used for `switchyard/auto` when the team has no published policy. */
  defaultModel: string | null;
  /** Store prompt and completion text in the request log. Off by default. */
  contentLogging: boolean;
  /** What the gateway does when shared state (Redis) is unreachable. */
  failMode: "open" | "closed";
  timeZone: string;
  /** The instance owner lets the team use the instance-shared provider connections' models. */
  sharedConnectionsAllowed: boolean;
  /**
   * Keep responses of POST /v1/responses that ask to be stored (`store`, true by default); off:
   * they are answered but not kept. Independent of contentLogging.
   */
  responseStorage: boolean;
  /** Days a stored response is kept, from its creation. */
  responseRetentionDays: number;
}

/** An API key as the gateway sees it once authenticated. Never holds the secret. */
export interface ApiKeyInfo {
  id: string;
  teamId: string;
  name: string;
  prefix: string;
  /** Model names or aliases the key may use; empty means every model the team may use. */
  scopes: string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** The key's default tags, added to every request it makes (e.g. "app:billing"). */
  tags: string[];
  /**
   * The key's requests are never sampled for calibration (extra paid calls grading them); feedback
   * the key sends explicitly is still recorded.
   */
  learningOptOut: boolean;
  /**
   * Set when the presented secret is one a rotation replaced: it authenticates until this moment
   * (its grace period), then is refused as an invalid key. Absent or null for the current secret.
   */
  secretExpiresAt?: Date | null;
  team: TeamInfo;
}

/** A deployable model: a public name served by one provider connection. */
export interface ModelInfo {
  id: string;
  /**
   * The name callers use, e.g. "gpt-4o-mini". Unique within its scope (one team's models, or the
   * instance-shared ones): resolve it for a team with model-scope.ts.
   */
  name: string;
  aliases: string[];
  providerKind: ProviderKind;
  providerConnectionId: string;
  /** Provider's own name for the model. */
  upstreamName: string;
  baseUrl: string;
  /** Decrypted credential, kept in memory only. */
  apiKey: string | null;
  /** Extra provider settings (Azure api-version, deployment, headers...). */
  settings: Record<string, unknown>;
  inputPricePerMillion: number;
  outputPricePerMillion: number;
  /**
   * Prices of the other token classes (USD per million tokens); null/absent = the default rule of
   * pricing.ts (the provider's documented multiplier, else the input or output price).
   */
  cachedInputPricePerMillion?: number | null;
  cacheWrite5mPricePerMillion?: number | null;
  cacheWrite1hPricePerMillion?: number | null;
  reasoningPricePerMillion?: number | null;
  /** No known price: requests are served and logged with cost unknown (never priced at $0). */
  unpriced?: boolean;
  /**
   * Earlier and scheduled prices, each from its effective date (pricing.ts `priceAt`); absent or
   * empty = the prices above always applied.
   */
  priceHistory?: readonly PriceVersion[];
  contextWindow: number;
  maxOutputTokens: number | null;
  capabilities: Capability[];
  /** Team that owns the connection; null = instance-shared (for the teams the owner allows). */
  teamId: string | null;
  enabled: boolean;
}

/** A model's prices from one date on (USD per million tokens; null = default rule / unknown). */
export interface PriceVersion {
  effectiveFrom: Date;
  inputPricePerMillion: number | null;
  outputPricePerMillion: number | null;
  cachedInputPricePerMillion: number | null;
  cacheWrite5mPricePerMillion: number | null;
  cacheWrite1hPricePerMillion: number | null;
  reasoningPricePerMillion: number | null;
}

export interface PublishedPolicy {
  policyId: string;
  versionId: string;
  version: number;
  teamId: string;
  /** Virtual model name that selects the policy, e.g. "switchyard/auto". */
  alias: string;
  /** The policy document (validated by @switchyard/router). */
  body: unknown;
}

export type RequestStatus = "ok" | "error" | "client_closed" | "blocked";

/** One row of the request log, as the gateway produces it. */
export interface RequestLogEntry {
  /** The gateway's own id of the request (a UUID). */
  id: string;
  /** The caller's own id for the request, as it sent it (not unique); null when none. */
  clientRequestId: string | null;
  createdAt: Date;
  teamId: string;
  apiKeyId: string | null;
  policyVersionId: string | null;
  surface: "openai" | "anthropic" | "responses";
  requestedModel: string;
  routedModel: string | null;
  provider: ProviderKind | null;
  routeReason: string;
  routeTrace: unknown;
  /** Totals: every input token (cached and cache writes included), every output token (reasoning included). */
  inputTokens: number;
  outputTokens: number;
  /** Per-class parts of the totals (pricing.ts TokenClasses); absent = all uncached input / plain output. */
  cachedInputTokens?: number;
  cacheWrite5mTokens?: number;
  cacheWrite1hTokens?: number;
  reasoningTokens?: number;
  /**
   * Some paid call was on a model without a price: costUsd covers only the priced calls and is
   * not the request's cost (the console shows it as unknown).
   */
  unpriced?: boolean;
  /** Exact decimal USD strings (money.ts). */
  costUsd: string;
  baselineCostUsd: string;
  latencyMs: number;
  ttftMs: number | null;
  overheadMs: number;
  status: RequestStatus;
  httpStatus: number;
  errorCode: string | null;
  attemptCount: number;
  cascaded: boolean;
  streamed: boolean;
  usageEstimated: boolean;
  attempts: unknown;
  promptText: string | null;
  completionText: string | null;
  /**
   * The request's tags (the declared task, metadata, user, x-switchyard-tags, the key's default
   * tags), de-duplicated; absent = none.
   */
  tags?: string[];
  /**
   * The router's features of the prompt (an @switchyard/router Outcome without grades) when the
   * request was sampled for calibration; absent otherwise.
   */
  routingFeatures?: unknown;
}
