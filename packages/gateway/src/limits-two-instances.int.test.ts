/**
 * Two gateway instances, each with its own RedisLimits connection to the real Redis (TEST_REDIS_URL
 * or redis://127.0.0.1:6379, a random key prefix) and its own Redis change feed, in front of the
 * mock LLM. Storage is shared in-memory port fakes.
 */
import { randomBytes } from "node:crypto";
import type { BudgetAlertRecord, BudgetRow, LimitsStore, RateLimitRow } from "@switchyard/core";
import { hashApiKey } from "@switchyard/core";
import { createRedisChangeFeed, type RedisChangeFeed, RedisLimits } from "@switchyard/limits";
import { type MockLlm, startMockLlm } from "@switchyard/mock-llm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "./create-gateway";
import { type GatewayServer, startGatewayServer } from "./node/start-server";
import { attemptWorstCase } from "./pipeline/admission";
import {
  MemoryConfigStore,
  MemoryKeyStore,
  MemoryUsageSink,
  makeKey,
  makeModel,
  makeTeam,
} from "./testing/fakes";
import { waitFor } from "./testing/harness";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const BUDGET_KEY = "sk-sy-budget-0123456789";
const RATE_KEY = "sk-sy-rate-0123456789";
const REVOKE_KEY = "sk-sy-revoke-0123456789";
const TOKENS_KEY = "sk-sy-tokens-0123456789";
const RPM = 20;
const TPM = 1_500;
const BUDGET_USD = "0.002";

class MemoryLimitsStore implements LimitsStore {
  budgets: BudgetRow[] = [];
  rateLimits: RateLimitRow[] = [];
  readonly alerts = new Set<string>();
  claims = 0;
  async loadLimits() {
    return { budgets: this.budgets, rateLimits: this.rateLimits, failModes: {} };
  }
  async spendSincePeriodStart() {
    return [];
  }
  async recordAlert(alert: BudgetAlertRecord) {
    this.claims += 1;
    const id = `${alert.budgetId}:${alert.periodStart}:${alert.threshold}`;
    if (this.alerts.has(id)) return false;
    this.alerts.add(id);
    return true;
  }
  async webhookFor() {
    return null;
  }
}

interface Instance {
  gateway: Gateway;
  server: GatewayServer;
  limits: RedisLimits;
  feed: RedisChangeFeed;
  stop(): Promise<void>;
}

const errorBody = (body: unknown) =>
  (body as { error: { message: string; type: string; code: string } }).error;

describe("limits across two gateway instances sharing Redis", { timeout: 60_000 }, () => {
  let mock: MockLlm;
  const prefix = `switchyard:test:${randomBytes(6).toString("hex")}:`;
  const channel = `${prefix}changes`;
  const keys = new MemoryKeyStore();
  const usage = new MemoryUsageSink();
  const store = new MemoryLimitsStore();
  const budgetTeam = makeTeam({ id: "team_budget", slug: "budget", defaultModel: "metered" });
  const rateTeam = makeTeam({ id: "team_rate", slug: "rate", defaultModel: "metered" });
  const instances: Instance[] = [];
  let config: MemoryConfigStore;

  /**
   * `leaseAfterInFlight`: 0 admits out of leases from the first request, Infinity never leases
   * (a script call each). Left to the default, whether a burst switches an instance to leases
   * depends on how many admissions happen to overlap, so each instance is pinned to one path.
   */
  const start = async (
    config: MemoryConfigStore,
    leaseAfterInFlight: number,
  ): Promise<Instance> => {
    const logger = pino({ level: "silent" });
    // A generous command timeout: on a loaded test machine 500 concurrent requests can keep a
    // script waiting past the 250 ms default, which fails closed (503) instead of testing budgets.
    const limits = new RedisLimits({
      redis: REDIS_URL,
      keyPrefix: prefix,
      commandTimeoutMs: 5_000,
      leaseAfterInFlight,
    });
    const feed = createRedisChangeFeed(REDIS_URL, { channel });
    const gateway = await createGateway({
      keys,
      config,
      usage,
      changes: feed,
      logger,
      limits,
      limitsStore: store,
      options: {
        usageFlushMs: 10,
        retryBaseMs: 5,
        retryMaxWaitMs: 50,
        allowedPrivateHosts: [new URL(mock.url).host],
      },
    });
    const server = await startGatewayServer({ gateway, port: 0 });
    return {
      gateway,
      server,
      limits,
      feed,
      async stop() {
        await server.close(2_000);
        await gateway.close();
        await limits.close();
        await feed.close();
      },
    };
  };

  const call = (instance: Instance, key: string, content: string) =>
    fetch(`${instance.server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({
        model: "metered",
        max_tokens: 20,
        messages: [{ role: "user", content }],
      }),
    });

  /** `count` concurrent requests, alternating between the two instances. */
  const burst = (key: string, count: number, tag: string) =>
    Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const response = await call(instances[i % 2] as Instance, key, `${tag} request ${i}`);
        return { response, body: (await response.json()) as unknown };
      }),
    );

  /** A 500-request burst at a rate-limited key: what was admitted, what refused, how long it took. */
  const rateBurst = async (key: string, tag: string) => {
    const started = Date.now();
    const results = await burst(key, 500, tag);
    const elapsedMs = Date.now() - started;
    const admitted = results.filter((r) => r.response.status === 200);
    const refused = results.filter((r) => r.response.status !== 200);
    return { elapsedMs, admitted, refused };
  };

  /** Every refusal is a 429 in OpenAI's shape, with retry-after and the limit's header. */
  const expectRateRefusals = (
    refused: { response: Response; body: unknown }[],
    header: string,
    limit: number,
  ) => {
    for (const { response, body } of refused) {
      expect(response.status).toBe(429);
      expect(errorBody(body)).toMatchObject({ code: "rate_limit_exceeded" });
      expect(response.headers.get("retry-after")).not.toBeNull();
      expect(response.headers.get(header)).toBe(String(limit));
    }
  };

  beforeAll(async () => {
    mock = await startMockLlm({ port: 0 });
    config = new MemoryConfigStore({
      models: [makeModel({ name: "metered", baseUrl: `${mock.url}/v1`, maxOutputTokens: 20 })],
      teams: [budgetTeam, rateTeam],
      policies: [],
    });
    keys.add(BUDGET_KEY, makeKey(budgetTeam, { id: "key_budget" }));
    keys.add(RATE_KEY, makeKey(rateTeam, { id: "key_rate" }));
    keys.add(REVOKE_KEY, makeKey(rateTeam, { id: "key_revoke" }));
    keys.add(TOKENS_KEY, makeKey(rateTeam, { id: "key_tokens" }));
    store.budgets = [
      {
        id: "b-small",
        scope: "team",
        teamId: budgetTeam.id,
        teamName: "Budgeted",
        period: "day",
        timeZone: "UTC",
        limitUsd: BUDGET_USD,
        alertThresholds: [50, 100],
        action: "block",
      },
    ];
    store.rateLimits = [
      { scope: "key", id: "key_rate", rpm: RPM },
      { scope: "key", id: "key_tokens", tpm: TPM },
    ];
    // One instance busy enough to admit out of leases, one admitting by script: both share state.
    instances.push(await start(config, 0), await start(config, Number.POSITIVE_INFINITY));
  });

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await mock.close();
  });

  it("keeps settled spend within a small team budget under 500 concurrent requests", async () => {
    const results = await burst(BUDGET_KEY, 500, "budget");
    const admitted = results.filter((r) => r.response.status === 200);
    const refused = results.filter((r) => r.response.status !== 200);
    expect(admitted.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const { response, body } of refused) {
      expect(response.status).toBe(402);
      expect(errorBody(body)).toMatchObject({
        type: "insufficient_quota",
        code: "budget_exceeded",
      });
      expect(errorBody(body).message).toContain('The daily budget of team "Budgeted" is exhausted');
      expect(response.headers.get("x-switchyard-budget")).toBe("b-small");
    }
    await waitFor(
      () => usage.entries.filter((e) => e.teamId === budgetTeam.id).length === 500,
      10_000,
    );
    const served = usage.entries.filter((e) => e.teamId === budgetTeam.id && e.status === "ok");
    expect(served).toHaveLength(admitted.length);
    // The premise of the bound: no call costs more than the worst case reserved for it.
    const model = (await config.loadSnapshot()).models[0];
    if (model === undefined) throw new Error("model missing");
    const worst = attemptWorstCase(
      { model, reason: "requested" },
      {
        model: "metered",
        max_tokens: 20,
        messages: [{ role: "user", content: "budget request 499" }],
      },
    ).picos;
    for (const entry of served) expect(Number(entry.costUsd) * 1e12).toBeLessThanOrEqual(worst + 1);
    const limitPicos = Number(BUDGET_USD) * 1e12;
    const spentPicos = served.reduce((sum, e) => sum + Math.round(Number(e.costUsd) * 1e12), 0);
    // Every call is reserved at its worst case (max_tokens 20), so nothing in flight can overspend.
    expect(spentPicos).toBeLessThanOrEqual(limitPicos);
    console.log(
      `budget: ${admitted.length} admitted, ${refused.length} refused, spent ${spentPicos / 1e12} of ${BUDGET_USD} USD`,
    );
    // Both engines see the same counter: every settle landed, and once the burst is over (a
    // second without admissions) neither instance keeps leased headroom: nothing is left reserved.
    let seen = await instances[1]?.limits.usage("b-small");
    const settled = () => seen?.spentPicos === spentPicos && seen.reservedPicos === 0;
    for (let i = 0; i < 300 && !settled(); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      seen = await instances[1]?.limits.usage("b-small");
    }
    expect(seen).toMatchObject({ spentPicos, reservedPicos: 0 });
    expect((await instances[0]?.limits.usage("b-small"))?.spentPicos).toBe(spentPicos);
    // The first instance admitted out of leases (see RedisLeases), the second by script calls.
    expect(instances[0]?.limits.metrics().leaseSyncs).toBeGreaterThan(0);
    expect(instances[1]?.limits.metrics().leaseSyncs).toBe(0);
    // Thresholds crossed on both instances are recorded once per period.
    await waitFor(() => store.alerts.size > 0);
    expect([...store.alerts].map((id) => id.split(":").at(-1)).sort()).toContain("50");
    expect(store.alerts.size).toBeLessThanOrEqual(2);
  });

  it("admits at most the RPM limit per window across both instances", async () => {
    const { elapsedMs, admitted, refused } = await rateBurst(RATE_KEY, "rate");
    // GCRA: a burst of RPM, then one more every 60 s / RPM while the burst runs.
    const refilled = Math.floor(elapsedMs / (60_000 / RPM));
    expect(admitted.length).toBeGreaterThanOrEqual(RPM);
    expect(admitted.length).toBeLessThanOrEqual(RPM + refilled);
    expectRateRefusals(refused, "x-ratelimit-limit-requests", RPM);
    console.log(`rpm: ${admitted.length} admitted of 500 in ${elapsedMs} ms (limit ${RPM})`);
  });

  it("admits at most the TPM limit's tokens per window across both instances", async () => {
    const { elapsedMs, admitted, refused } = await rateBurst(TOKENS_KEY, "tpm");
    expect(admitted.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    expectRateRefusals(refused, "x-ratelimit-limit-tokens", TPM);
    await waitFor(
      () => usage.entries.filter((e) => e.apiKeyId === "key_tokens").length === 500,
      10_000,
    );
    const served = usage.entries.filter((e) => e.apiKeyId === "key_tokens" && e.status === "ok");
    expect(served).toHaveLength(admitted.length);
    // Each call is admitted on its estimate (prompt + max_tokens) and settled to what it used,
    // so the tokens used all told fit in the limit plus what refilled while the burst ran.
    const used = served.reduce((sum, e) => sum + e.inputTokens + e.outputTokens, 0);
    const refilled = Math.ceil((elapsedMs / 60_000) * TPM);
    expect(used).toBeLessThanOrEqual(TPM + refilled);
    // Refusals start only once the window's tokens are spoken for (estimates run about 1.6 times
    // what these calls use).
    expect(used).toBeGreaterThan(TPM / 3);
    console.log(
      `tpm: ${admitted.length} admitted of 500, ${used} tokens used in ${elapsedMs} ms (limit ${TPM})`,
    );
  });

  it("revokes a key on the other instance through the Redis change feed", async () => {
    const [first, second] = instances as [Instance, Instance];
    expect((await call(first, REVOKE_KEY, "warm the cache")).status).toBe(200);
    expect((await call(second, REVOKE_KEY, "warm the cache")).status).toBe(200);
    const hash = hashApiKey(REVOKE_KEY);
    const key = keys.byHash.get(hash);
    if (key === undefined) throw new Error("test key missing");
    keys.byHash.set(hash, { ...key, revokedAt: new Date() });
    const published = Date.now();
    await first.feed.publish({ topic: "keys", id: hash });
    let status = 200;
    const deadline = published + 1_000;
    while (status !== 401 && Date.now() < deadline) {
      status = (await call(second, REVOKE_KEY, "after revocation")).status;
    }
    expect(status).toBe(401);
    console.log(`revocation seen by the other instance after ${Date.now() - published} ms`);
  });
});
