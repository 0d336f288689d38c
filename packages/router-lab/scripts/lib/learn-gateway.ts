/**
 * The learning loop through the real gateway (`pnpm eval --learn RATE`, the default source): an
 * in-process gateway (the production builder, memory ports, no budgets) routes each request of the
 * file, in arrival order, with the policy `{ otherwise: learned over the candidates, learning:
 * { sampleRate: RATE, … } }`; mock-llm in strict replay answers as each model did. The gateway
 * samples, calls the other candidates and the judge, and stores outcomes itself; the judge is
 * mock-llm's `mock-judge`, which returns the recorded score of each answer as its grade (the
 * replayed answers carry it as a ` [quality:n]` mark, n = score × 10). When the outcomes have
 * grown as the in-process loop's schedule says (shouldRefit), the server's trainPolicy fits and
 * stores a version and the gateway reloads its snapshot, as the scheduler and the change feed do
 * in production. What the gateway routed and accounted comes back from its request log; each
 * request's predicted qualities are recomputed with the artefact its trace names, so the
 * threshold sweeps (APGR, CPT, saved@95%) are the in-process loop's, checked against the
 * gateway's own decisions (agreement) and accounting.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { LearnedRouterRef, ModelInfo, PublishedPolicy } from "@switchyard/core";
import { startGatewayServer } from "@switchyard/gateway";
import {
  MemoryConfigStore,
  MemoryKeyStore,
  MemoryOutcomeStore,
  MemoryUsageSink,
  makeKey,
  makeModel,
  makeTeam,
} from "@switchyard/gateway/testing";
import { startMockLlm } from "@switchyard/mock-llm";
import {
  type ComplexityClassifier,
  compilePolicy,
  promptOf,
  shippedClassifier,
  shippedScorer,
} from "@switchyard/router";
import { buildGateway, trainPolicy } from "@switchyard/server";
import { MemoryLearnedRouterStore } from "@switchyard/server/testing";
import { pino } from "pino";
import type { Price } from "../../src/eval/outcomes";
import type { LearnRecord } from "../../src/learn/learn-records";
import { FIRST_FIT, type LoopRequest, shouldRefit } from "../../src/learn/learning-loop";
import { seededRandom } from "../../src/model/train-logistic";
import { summariseGatewayLoop } from "./learn-gateway-summary";

const KEY = "sk-sy-eval-learn-0000";
const POLICY_ID = "p-learn";

export interface GatewayLoopInput {
  /** The traffic, in arrival order. */
  records: readonly LearnRecord[];
  /** Candidates, cheapest first. */
  models: readonly string[];
  prices: Map<string, Price>;
  judge: { model: string; price: Price };
  rate: number;
  retrainEvery: number;
  seed: number;
  minQuality: number;
  maxShare: number;
  explore: number;
  adaptive: boolean;
  /** The classifier prior per record (out-of-fold where the shipped weights saw the file). */
  priorScore: (record: LearnRecord) => number;
  onProgress?: (done: number, total: number) => void;
}

export interface GatewayLoopResult {
  requests: LoopRequest[];
  fits: { outcomes: number; id: string; ms: number }[];
  outcomes: number;
  paused: number;
  /** Requests whose routed model is the in-process choice with the artefact their trace names. */
  agreement: { requests: number; agreed: number };
  /** Served spend as the gateway accounted it, and as the recorded token counts price it. */
  accounting: { gatewayServedUsd: number; recordedServedUsd: number };
}

/** The replayed file: every candidate's recorded answer, marked with its score for the judge. */
function markedReplayFile(records: readonly LearnRecord[], models: readonly string[]) {
  const dir = mkdtempSync(join(tmpdir(), "switchyard-learn-"));
  const path = join(dir, "replay.jsonl.gz");
  const lines = records.map((record) => {
    const outcomes: Record<string, unknown> = {};
    for (const model of models) {
      const outcome = record.outcomes[model];
      if (!outcome) continue;
      const mark = ` [quality:${Math.round(outcome.score * 10)}]`;
      outcomes[model] = { ...outcome, response: `${outcome.response ?? ""}${mark}` };
    }
    return JSON.stringify({ id: record.recordId, messages: record.messages, outcomes });
  });
  writeFileSync(path, gzipSync(`${lines.join("\n")}\n`));
  return { path, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The classifier the gateway reads the prior from: the records' own priors, by prompt text. */
function priorClassifier(input: GatewayLoopInput): ComplexityClassifier {
  const byText = new Map<string, number>();
  for (const record of input.records)
    byText.set(promptOf(record.messages).text, input.priorScore(record));
  const shipped = shippedClassifier();
  return {
    name: "eval-prior",
    score: (text, turns) => byText.get(text) ?? shipped.score(text, turns),
  };
}

export async function runGatewayLearningLoop(input: GatewayLoopInput): Promise<GatewayLoopResult> {
  const { records, models, prices } = input;
  const replay = markedReplayFile(records, models);
  const mock = await startMockLlm({ port: 0, replayFile: replay.path, strictReplay: true });
  const cheapest = models[0] as string;
  const team = makeTeam({ defaultModel: cheapest });
  const key = makeKey(team);
  const keys = new MemoryKeyStore();
  keys.add(KEY, key);
  const priced = (name: string, upstreamName: string, price: Price): ModelInfo =>
    makeModel({
      name,
      upstreamName,
      baseUrl: `${mock.url}/v1`,
      providerKind: "mock",
      inputPricePerMillion: price.input,
      outputPricePerMillion: price.output,
      contextWindow: 10_000_000,
      maxOutputTokens: null,
    });
  const judgeName = "eval-judge";
  const catalogue = [
    ...models.map((name) => priced(name, name, prices.get(name) as Price)),
    priced(judgeName, `${input.judge.model}+mock-judge`, input.judge.price),
  ];
  const policy: PublishedPolicy = {
    policyId: POLICY_ID,
    versionId: `${POLICY_ID}-v1`,
    version: 1,
    teamId: team.id,
    alias: "switchyard/auto",
    body: {
      version: 1,
      defaultModel: cheapest,
      baselineModel: models.at(-1),
      otherwise: { strategy: "learned", models: [...models], minQuality: input.minQuality },
      learning: {
        sampleRate: input.rate,
        maxShare: input.maxShare,
        explore: input.explore,
        adaptive: input.adaptive,
        candidates: [...models],
        judge: judgeName,
      },
    },
  };
  // A policy the gateway could not compile would route everything to its default model, quietly.
  compilePolicy(policy.body, { models: catalogue });
  const config = new MemoryConfigStore({ models: catalogue, teams: [team], policies: [policy] });
  const usage = new MemoryUsageSink();
  const outcomes = new MemoryOutcomeStore();
  const routers = new MemoryLearnedRouterStore();
  const running = await buildGateway({
    ports: { keys, config, usage, outcomes },
    logger: pino({ level: "silent" }),
    limits: "none",
    routing: { classifier: priorClassifier(input), scorer: shippedScorer() },
    calibration: { random: seededRandom(input.seed + 1) },
    options: {
      maxRetries: 0,
      usageFlushMs: 20,
      allowedPrivateHosts: [new URL(mock.url).host],
    },
  });
  const server = await startGatewayServer({ gateway: running.gateway, port: 0 });
  const fits: GatewayLoopResult["fits"] = [];
  const trainedArtefacts = new Map<string, unknown>();
  let lastFit = 0;
  let paused = 0;
  try {
    for (const [index, record] of records.entries()) {
      const response = await fetch(`${server.url}/v1/chat/completions`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${KEY}`,
          "content-type": "application/json",
          "x-client-request-id": `learn-${index}`,
          ...(record.category ? { "x-switchyard-tags": `category:${record.category}` } : {}),
        },
        body: JSON.stringify({ model: "switchyard/auto", messages: record.messages }),
      });
      const text = await response.text();
      if (response.status !== 200)
        throw new Error(`${record.id}: HTTP ${response.status} ${text.slice(0, 200)}`);
      await running.gateway.calibrationIdle();
      const own = outcomes.all().length;
      if (shouldRefit(own, lastFit, input.retrainEvery)) {
        const started = performance.now();
        const trained = await trainPolicy(
          { outcomes, routers, config },
          { teamId: team.id, policyId: POLICY_ID },
          { mode: "manual", rule: { minOutcomes: FIRST_FIT } },
        );
        const version = trained.targets.find((target) => target.status === "trained");
        if (version?.status === "trained") {
          config.snapshot.learnedRouters = newestRefs(routers);
          // Kept here: the store keeps only the newest versions of a target.
          for (const ref of config.snapshot.learnedRouters)
            trainedArtefacts.set(ref.artefactId, ref.artefact);
          await running.gateway.reload();
          fits.push({
            outcomes: own,
            id: version.version.artefactId,
            ms: performance.now() - started,
          });
        }
        lastFit = own;
      }
      input.onProgress?.(index + 1, records.length);
    }
    paused = running.gateway.calibrationStats().paused;
  } finally {
    await server.close(2_000);
    await running.close(); // flushes the request log
    await mock.close();
    replay.dispose();
  }
  return summariseGatewayLoop(input, usage, trainedArtefacts, outcomes.all().length, fits, paused);
}

/** The newest stored version of each target, as a routing snapshot carries it. */
function newestRefs(routers: MemoryLearnedRouterStore): LearnedRouterRef[] {
  const newest = new Map<string, LearnedRouterRef>();
  for (const row of routers.rows) {
    const target = `${row.teamId}/${row.policyId}/${row.modelsKey}`;
    const current = newest.get(target);
    if (current === undefined || current.version < row.version)
      newest.set(target, {
        teamId: row.teamId,
        policyId: row.policyId,
        modelsKey: row.modelsKey,
        version: row.version,
        artefactId: row.artefactId,
        artefact: row.artefact,
      });
  }
  return [...newest.values()];
}
