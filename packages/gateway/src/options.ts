/** Tunables of the gateway. Every field has a default; the app passes overrides from its env module. */
export interface GatewayOptions {
  /** Largest accepted request body in bytes; larger bodies get 413 and are not read further. */
  maxBodyBytes: number;
  /** How long a found key stays cached. */
  keyCacheTtlMs: number;
  /** How long an unknown key stays cached as unknown. */
  keyNegativeTtlMs: number;
  /** Most keys kept in the cache (oldest evicted first). */
  keyCacheMaxEntries: number;
  /**
   * While the key store cannot be reached, a key looked up less than this long ago keeps
   * authenticating as it was then; a key not known that recently gets 503 (never 500).
   */
  keyStaleMs: number;
  /** How often last-used times are written to the KeyStore. */
  lastUsedFlushMs: number;
  /** Upstream TCP connect timeout per attempt. */
  connectTimeoutMs: number;
  /** Time to the upstream's response headers per attempt. */
  firstByteTimeoutMs: number;
  /** Longest silence between two upstream body chunks. */
  idleTimeoutMs: number;
  /** Whole-attempt limit, body included. */
  totalTimeoutMs: number;
  /** Retries of one model on a retryable error before moving to its fallback. */
  maxRetries: number;
  /** First backoff delay; doubled each retry, with full jitter. */
  retryBaseMs: number;
  /** Upper bound of one backoff wait, retry-after included. */
  retryMaxWaitMs: number;
  /** Connections kept per upstream origin. */
  upstreamConnections: number;
  /**
   * Internal addresses upstreams and budget webhooks may be at (SWITCHYARD_ALLOWED_PRIVATE_HOSTS:
   * hostnames, IPs or CIDR ranges, each optionally with `:port`; `*` for any). Public addresses
   * are always allowed; loopback, link-local, metadata, private and CGNAT ones only when listed.
   */
  allowedPrivateHosts: readonly string[];
  /**
   * Failures in a row (5xx, timeouts, connection errors; not 4xx or 429) that open a deployment's
   * circuit breaker: attempts then skip it until the cool-down has passed. 0 turns breakers off.
   */
  breakerFailureThreshold: number;
  /** How long an open breaker skips its deployment before one probe request is let through. */
  breakerCoolDownMs: number;
  /** Accounting queue: most entries held in memory; beyond it new entries are dropped and counted (with a spool, the writer moves them to disk while the store is down). */
  usageQueueMax: number;
  /** Entries per UsageSink.writeBatch call. */
  usageBatchSize: number;
  /** Longest wait before a partial batch is written. */
  usageFlushMs: number;
  /** Tries of one batch while the store fails, before it goes to the spool. */
  usageMaxAttempts: number;
  /** First retry delay of a failed batch; doubled each attempt. */
  usageRetryBaseMs: number;
  /** A batch write that has not answered after this long counts as failed (a hanging store). */
  usageWriteTimeoutMs: number;
  /**
   * Directory of the accounting spool: batches the store cannot take are kept there (fsync'd)
   * and replayed in order when it is back. Unset: no spool (batches wait in memory, bounded by
   * usageQueueMax). One process per directory.
   */
  spoolDir: string | undefined;
  /** Most bytes the spool keeps on disk; beyond it, batches are dropped and counted. */
  spoolMaxBytes: number;
  /**
   * Debug: add `x-switchyard-scores` (full-precision classifier score and cascade answer score) to
   * non-streamed responses. Off by default; the eval turns it on to replay through the gateway.
   */
  exposeScores: boolean;
  /** Calibration samples waiting for a worker; past it new samples are dropped and counted. */
  calibrationQueueMax: number;
  /** Calibration samples run at once (each makes its candidate and judge calls in parallel). */
  calibrationConcurrency: number;
  /** On close, how long running calibration samples may take before their calls are aborted. */
  calibrationCloseGraceMs: number;
  /** The in-memory response cache (when no shared one is given): most answers it holds. */
  responseCacheMaxEntries: number;
  /** …and most bytes they take together; an answer larger than a tenth of it is not cached. */
  responseCacheMaxBytes: number;
  /** Stored responses waiting to be written; past it new ones are not stored (counted, logged). */
  storedResponsesQueueMax: number;
  /** Longest wait before stored responses are written (they are written in the background). */
  storedResponsesFlushMs: number;
  /**
   * A stored response looked up (GET, DELETE, previous_response_id) and not found, whose id says it
   * was created recently, is looked for again for up to this long before the answer is "not found":
   * another instance may still be writing it.
   */
  storedResponsesWaitMs: number;
  /** How often expired stored responses are deleted (in batches); 0 = never (another instance does). */
  storedResponsesSweepMs: number;
  /** Rows per delete of the expiry sweep. */
  storedResponsesSweepBatch: number;
}

export const defaultGatewayOptions: GatewayOptions = {
  maxBodyBytes: 4 * 1024 * 1024,
  keyCacheTtlMs: 60_000,
  keyNegativeTtlMs: 5_000,
  keyCacheMaxEntries: 100_000,
  keyStaleMs: 15 * 60_000,
  lastUsedFlushMs: 10_000,
  connectTimeoutMs: 5_000,
  firstByteTimeoutMs: 60_000,
  idleTimeoutMs: 60_000,
  totalTimeoutMs: 600_000,
  maxRetries: 2,
  retryBaseMs: 100,
  retryMaxWaitMs: 5_000,
  upstreamConnections: 128,
  allowedPrivateHosts: [],
  breakerFailureThreshold: 5,
  breakerCoolDownMs: 30_000,
  usageQueueMax: 50_000,
  usageBatchSize: 200,
  usageFlushMs: 1_000,
  usageMaxAttempts: 3,
  usageRetryBaseMs: 200,
  usageWriteTimeoutMs: 10_000,
  spoolDir: undefined,
  spoolMaxBytes: 1024 * 1024 * 1024,
  exposeScores: false,
  calibrationQueueMax: 100,
  calibrationConcurrency: 2,
  calibrationCloseGraceMs: 10_000,
  responseCacheMaxEntries: 10_000,
  responseCacheMaxBytes: 64 * 1024 * 1024,
  storedResponsesQueueMax: 10_000,
  storedResponsesFlushMs: 5,
  storedResponsesWaitMs: 2_000,
  storedResponsesSweepMs: 5 * 60_000,
  storedResponsesSweepBatch: 1_000,
};

export function resolveOptions(overrides: Partial<GatewayOptions> | undefined): GatewayOptions {
  return { ...defaultGatewayOptions, ...overrides };
}
