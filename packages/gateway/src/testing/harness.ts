import type {
  LimitsStore,
  ModelInfo,
  OutcomeStore,
  PublishedPolicy,
  RoutingSnapshot,
} from "@switchyard/core";
import type { LimitsEngine } from "@switchyard/limits";
import { type MockLlm, startMockLlm } from "@switchyard/mock-llm";
import { pino } from "pino";
import type { CalibrationHooks } from "../calibration/calibration-runner";
import type { RoutingModels } from "../config/config-state";
import { createGateway, type Gateway } from "../create-gateway";
import { type GatewayServer, startGatewayServer } from "../node/start-server";
import type { GatewayOptions } from "../options";
import {
  MemoryChangeFeed,
  MemoryConfigStore,
  MemoryKeyStore,
  MemoryUsageSink,
  makeKey,
  makeModel,
  makeTeam,
} from "./fakes";
import { MemoryOutcomeStore, MemoryRequestLogReader } from "./memory-outcomes";
import { MemoryResponseStore } from "./memory-responses";

export const TEST_KEY = "sk-sy-test-0123456789";

export interface Harness {
  mock: MockLlm;
  gateway: Gateway;
  server: GatewayServer;
  keys: MemoryKeyStore;
  config: MemoryConfigStore;
  usage: MemoryUsageSink;
  changes: MemoryChangeFeed;
  /** Feedback's outcomes, and its reads of the written log rows (the sink's entries). */
  outcomes: MemoryOutcomeStore;
  requests: MemoryRequestLogReader;
  /** Stored responses of POST /v1/responses. */
  responses: MemoryResponseStore;
  /** POST/GET against the gateway's node server with the test key. */
  fetch(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** Entries written to the sink after flushing the queue. */
  flushedEntries(): Promise<MemoryUsageSink["entries"]>;
  close(): Promise<void>;
}

/** Models served by the mock LLM; fault controls ride in the upstream name. */
export function testModels(baseUrl: string): ModelInfo[] {
  const anthropicBase = baseUrl.replace(/\/v1$/, "");
  return [
    makeModel({
      name: "claude",
      providerKind: "anthropic",
      upstreamName: "claude-mock",
      baseUrl: anthropicBase,
    }),
    makeModel({
      name: "small",
      aliases: ["fast"],
      baseUrl,
      inputPricePerMillion: 0.15,
      outputPricePerMillion: 0.6,
    }),
    makeModel({ name: "premium", baseUrl, inputPricePerMillion: 5, outputPricePerMillion: 15 }),
    makeModel({ name: "flaky-429", upstreamName: "m+mock-error-429+mock-retry-after-0", baseUrl }),
    makeModel({ name: "flaky-503-once", upstreamName: "m+mock-fail-first-1", baseUrl }),
    makeModel({
      name: "broken",
      upstreamName: "m+mock-error-500",
      baseUrl,
      settings: { fallbacks: ["small"] },
    }),
    makeModel({
      name: "hangs",
      upstreamName: "m+mock-timeout",
      baseUrl,
      settings: { fallbacks: ["small"] },
    }),
    makeModel({ name: "cut", upstreamName: "m+mock-cut-3", baseUrl }),
    makeModel({
      name: "slow-stream",
      upstreamName: "m+mock-chunk-delay-50+mock-chunks-200",
      baseUrl,
    }),
    makeModel({
      name: "bad-request",
      upstreamName: "m+mock-error-400",
      baseUrl,
      settings: { fallbacks: ["small"] },
    }),
  ];
}

export async function startHarness(
  input: {
    options?: Partial<GatewayOptions>;
    policies?: PublishedPolicy[];
    /** Trained learned routers in the routing snapshot. */
    learnedRouters?: RoutingSnapshot["learnedRouters"];
    teamDefault?: string | null;
    contentLogging?: boolean;
    routing?: RoutingModels;
    limits?: LimitsEngine;
    /** Budgets and alerts the gateway loads into `limits` (and records alerts in). */
    limitsStore?: LimitsStore;
    /** The gateway's clock (key expiries, rotated-out secrets). */
    clock?: () => number;
    /** Models beside testModels (e.g. calibration candidates and a judge on the mock). */
    extraModels?: (baseUrl: string) => ModelInfo[];
    outcomes?: OutcomeStore;
    calibration?: CalibrationHooks;
  } = {},
): Promise<Harness> {
  const mock = await startMockLlm({ port: 0 });
  const team = makeTeam({
    defaultModel: input.teamDefault === undefined ? "small" : input.teamDefault,
    contentLogging: input.contentLogging ?? false,
  });
  const keys = new MemoryKeyStore();
  keys.add(TEST_KEY, makeKey(team));
  const config = new MemoryConfigStore({
    models: [...testModels(`${mock.url}/v1`), ...(input.extraModels?.(`${mock.url}/v1`) ?? [])],
    teams: [team],
    policies: input.policies ?? [],
    ...(input.learnedRouters === undefined ? {} : { learnedRouters: input.learnedRouters }),
  });
  const usage = new MemoryUsageSink();
  const changes = new MemoryChangeFeed();
  const outcomes = new MemoryOutcomeStore();
  const responses = new MemoryResponseStore();
  const requests = new MemoryRequestLogReader(
    usage.entries,
    new Map((input.policies ?? []).map((policy) => [policy.versionId, policy.policyId])),
  );
  const gateway = await createGateway({
    keys,
    config,
    usage,
    changes,
    outcomes,
    requests,
    responseStore: responses,
    logger: pino({ level: "silent" }),
    ...(input.routing === undefined ? {} : { routing: input.routing }),
    ...(input.limits === undefined ? {} : { limits: input.limits }),
    ...(input.limitsStore === undefined ? {} : { limitsStore: input.limitsStore }),
    ...(input.outcomes === undefined ? {} : { outcomes: input.outcomes }),
    ...(input.calibration === undefined ? {} : { calibration: input.calibration }),
    ...(input.clock === undefined ? {} : { clock: input.clock }),
    options: {
      firstByteTimeoutMs: 1_000,
      retryBaseMs: 5,
      retryMaxWaitMs: 50,
      usageFlushMs: 10,
      usageRetryBaseMs: 5,
      ...input.options,
      // The harness's mock is always allowed; other loopback servers unless the test says which.
      allowedPrivateHosts: [
        new URL(mock.url).host,
        ...(input.options?.allowedPrivateHosts ?? ["127.0.0.1"]),
      ],
    },
  });
  const server = await startGatewayServer({ gateway, port: 0 });
  return {
    mock,
    gateway,
    server,
    keys,
    config,
    usage,
    changes,
    outcomes,
    requests,
    responses,
    fetch(path, init = {}) {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (!headers.has("authorization") && !headers.has("x-api-key"))
        headers.set("authorization", `Bearer ${TEST_KEY}`);
      if (json !== undefined) headers.set("content-type", "application/json");
      return fetch(`${server.url}${path}`, {
        method: json === undefined ? "GET" : "POST",
        ...rest,
        headers,
        ...(json === undefined ? {} : { body: JSON.stringify(json) }),
      });
    },
    async flushedEntries() {
      await waitFor(() => usage.entries.length > 0 || gateway.usageStats().queued === 0);
      await new Promise((resolve) => setTimeout(resolve, 30));
      return usage.entries;
    },
    async close() {
      await server.close(2_000);
      await gateway.close();
      await mock.close();
    },
  };
}

/** Poll until `check` holds (bounded), for effects that happen after a response ends. */
export async function waitFor(check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
