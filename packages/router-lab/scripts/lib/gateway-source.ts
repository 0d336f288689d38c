/**
 * Replays an outcome file through the real gateway pipeline: mock-llm in strict replay mode is the
 * upstream (each model answers with its recorded response and token counts), an in-process gateway
 * with in-memory ports (one team, one key, the file's two models at the prices file's prices)
 * routes `switchyard/auto` and accounts every request. Scores come back in the gateway's opt-in
 * `x-switchyard-scores` header; accounting from its usage sink.
 */
import type { ModelInfo, PublishedPolicy, RequestLogEntry } from "@switchyard/core";
import { startGatewayServer } from "@switchyard/gateway";
import {
  MemoryConfigStore,
  MemoryKeyStore,
  MemoryUsageSink,
  makeKey,
  makeModel,
  makeTeam,
} from "@switchyard/gateway/testing";
import { startMockLlm } from "@switchyard/mock-llm";
import { type ComplexityClassifier, promptOf, type QualityScorer } from "@switchyard/router";
import { buildGateway } from "@switchyard/server";
import { pino } from "pino";
import type { RecordScores } from "../../src/eval/decision-source";
import type { ModelPair, OutcomeRecord, Price } from "../../src/eval/outcomes";
import { replayFileFor } from "./replay-file";

const KEY = "sk-sy-eval-replay-0000";
export const CLASSIFIER_SCAN = "eval/classifier-scan";
export const CASCADE_SCAN = "eval/cascade-scan";
export const POLICY_UNDER_TEST = "switchyard/auto";

export interface GatewayReply {
  /** x-switchyard-model: the model whose answer was returned. */
  model: string;
  /** x-switchyard-route. */
  route: string;
  classifier: number | null;
  cascade: number | null;
  /** A cascade decided before the cheap call (an open-ended prompt): its stand-in score. */
  precall: number | null;
  /** The gateway's request-log row for this request. */
  entry: RequestLogEntry;
}

export interface GatewayReplayInput {
  /** The outcome file the mock replays (same records as `records`). */
  dataPath: string;
  records: readonly OutcomeRecord[];
  pair: ModelPair;
  prices: Map<string, Price>;
  /** The policy under test, published as switchyard/auto (model names already filled in). */
  policyBody: Record<string, unknown>;
  /** Scorers injected into the gateway (e.g. out-of-fold lookups); default: its shipped weights. */
  routing?: { classifier: ComplexityClassifier; scorer: QualityScorer };
  concurrency?: number;
  onProgress?: (pass: string, done: number, total: number) => void;
}

export interface GatewayReplay {
  /** Per record: classifier score (classifier scan) and cheap-answer score (cascade scan). */
  scores: RecordScores[];
  /** Per record: what the gateway did with the policy under test. */
  validation: GatewayReply[];
}

function policy(alias: string, body: Record<string, unknown>): PublishedPolicy {
  return {
    policyId: `p-${alias}`,
    versionId: `pv-${alias}`,
    version: 1,
    teamId: "team_1",
    alias,
    body,
  };
}

/** Parses `classifier=<n>;cascade=<n>` (or `precall=<n>` instead of `cascade=`). */
export function parseScores(header: string | null): {
  classifier: number | null;
  cascade: number | null;
  precall: number | null;
} {
  const out = {
    classifier: null as number | null,
    cascade: null as number | null,
    precall: null as number | null,
  };
  for (const part of (header ?? "").split(";")) {
    const [name, value] = part.split("=");
    if (name === "classifier" || name === "cascade" || name === "precall")
      out[name] = Number(value);
  }
  return out;
}

/** Lookup scorers: the gateway asks them by prompt text; answers come from precomputed scores. */
export function lookupRouting(
  records: readonly OutcomeRecord[],
  scores: ReadonlyMap<string, RecordScores>,
): { classifier: ComplexityClassifier; scorer: QualityScorer; ambiguous: number } {
  const byText = new Map<string, RecordScores>();
  let ambiguous = 0;
  for (const record of records) {
    const found = scores.get(record.id);
    if (!found) throw new Error(`no precomputed scores for record ${record.id}`);
    const text = promptOf(record.messages).text;
    const earlier = byText.get(text);
    if (earlier === undefined) byText.set(text, found);
    else if (earlier.complexity !== found.complexity || earlier.answerScore !== found.answerScore)
      ambiguous++;
  }
  const get = (text: string) => {
    const found = byText.get(text);
    if (!found)
      throw new Error(`the gateway scored a prompt that is not in the file: ${text.slice(0, 60)}`);
    return found;
  };
  return {
    classifier: { name: "precomputed", score: (text) => get(text).complexity },
    scorer: {
      name: "precomputed",
      score: (text) => get(text).answerScore,
      preCall: (text) => {
        const found = get(text);
        return found.preRouted ? found.answerScore : null;
      },
    },
    ambiguous,
  };
}

async function pool(count: number, concurrency: number, run: (index: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < count) await run(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

export async function replayThroughGateway(input: GatewayReplayInput): Promise<GatewayReplay> {
  const { records, pair, prices } = input;
  const replayFile = replayFileFor(input.dataPath, records);
  const mock = await startMockLlm({ port: 0, replayFile: replayFile.path, strictReplay: true });
  const team = makeTeam({ defaultModel: pair.cheap });
  const keys = new MemoryKeyStore();
  keys.add(KEY, makeKey(team));
  const models: ModelInfo[] = [pair.cheap, pair.strong].map((name) =>
    makeModel({
      name,
      baseUrl: `${mock.url}/v1`,
      providerKind: "mock",
      inputPricePerMillion: prices.get(name)?.input ?? 0,
      outputPricePerMillion: prices.get(name)?.output ?? 0,
      contextWindow: 10_000_000,
      maxOutputTokens: null,
    }),
  );
  const base = { version: 1, defaultModel: pair.cheap, baselineModel: pair.strong };
  const config = new MemoryConfigStore({
    models,
    teams: [team],
    policies: [
      policy(POLICY_UNDER_TEST, input.policyBody),
      // Threshold 1: scores are read, the cheap model answers (the scan's cost is not used).
      policy(CLASSIFIER_SCAN, {
        ...base,
        otherwise: "classifier",
        classifier: { cheap: pair.cheap, strong: pair.strong, threshold: 1 },
      }),
      // Threshold 0: never escalates, so every cheap answer is scored once.
      policy(CASCADE_SCAN, {
        ...base,
        otherwise: "cascade",
        cascade: { cheap: pair.cheap, strong: pair.strong, threshold: 0 },
      }),
    ],
  });
  const usage = new MemoryUsageSink();
  // No budgets: the replay measures routing, and every call is paid for in its accounting.
  const running = await buildGateway({
    ports: { keys, config, usage },
    logger: pino({ level: "silent" }),
    limits: "none",
    ...(input.routing ? { routing: input.routing } : {}),
    options: {
      exposeScores: true,
      maxRetries: 0,
      usageFlushMs: 20,
      // The replaying mock LLM listens on loopback: allowed by address and port.
      allowedPrivateHosts: [new URL(mock.url).host],
    },
  });
  const server = await startGatewayServer({ gateway: running.gateway, port: 0 });
  const replies = new Map<string, Omit<GatewayReply, "entry">>();
  const pass = async (alias: string, tag: string) => {
    let done = 0;
    await pool(records.length, input.concurrency ?? 16, async (index) => {
      const record = records[index] as OutcomeRecord;
      const id = `${tag}-${index}`;
      const response = await fetch(`${server.url}/v1/chat/completions`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${KEY}`,
          "content-type": "application/json",
          "x-client-request-id": id,
        },
        body: JSON.stringify({ model: alias, messages: record.messages }),
      });
      const body = await response.text();
      if (response.status !== 200)
        throw new Error(`${record.id} via ${alias}: HTTP ${response.status} ${body.slice(0, 200)}`);
      replies.set(id, {
        model: response.headers.get("x-switchyard-model") ?? "",
        route: response.headers.get("x-switchyard-route") ?? "",
        ...parseScores(response.headers.get("x-switchyard-scores")),
      });
      done++;
      input.onProgress?.(tag, done, records.length);
    });
  };
  try {
    await pass(CLASSIFIER_SCAN, "classifier-scan");
    await pass(CASCADE_SCAN, "cascade-scan");
    await pass(POLICY_UNDER_TEST, "policy");
  } finally {
    await server.close(2_000);
    await running.close(); // flushes the usage queue
    await mock.close();
    replayFile.dispose();
  }
  const entries = new Map(usage.entries.map((entry) => [entry.clientRequestId, entry]));
  const scores = records.map((record, index) => {
    const classifier = replies.get(`classifier-scan-${index}`)?.classifier;
    const scan = replies.get(`cascade-scan-${index}`);
    const cascade = scan?.cascade ?? scan?.precall;
    if (classifier == null || cascade == null)
      throw new Error(`${record.id}: the gateway returned no score (x-switchyard-scores)`);
    return {
      complexity: classifier,
      answerScore: cascade,
      ...(scan?.precall != null && { preRouted: true }),
    };
  });
  const validation = records.map((record, index) => {
    const reply = replies.get(`policy-${index}`);
    const entry = entries.get(`policy-${index}`);
    if (!reply || !entry) throw new Error(`${record.id}: no gateway reply or request-log row`);
    return { ...reply, entry };
  });
  return { scores, validation };
}
