/**
 * Replays a policy document over recorded outcomes: every record goes through compilePolicy's
 * decide() (rules, classifier, cascade), and gets the recorded score and cost of the model(s) the
 * decision calls. The policy may only name the file's two models.
 */
import type { ModelInfo } from "@switchyard/core";
import {
  type ComplexityClassifier,
  compilePolicy,
  type LearnedRouterSource,
  promptOf,
  type QualityScorer,
  type RoutingRequest,
} from "@switchyard/router";
import type { RecordScores } from "./decision-source";
import type { ModelPair, OutcomeRecord, Price } from "./outcomes";
import type { OutcomeRow } from "./summary";

export interface PolicyPoint {
  strongShare: number;
  cascadeShare: number;
  quality: number;
  costUsd: number;
  /** How many records each route header produced (top reasons). */
  reasons: Record<string, number>;
  /** Share of records whose cascade a learned per-tag verdict skipped. */
  skippedShare: number;
}

/** A trained artefact to decide with (a cascade's per-tag verdicts) and each record's tags. */
export interface ReplayLearning {
  learnedRouter: LearnedRouterSource;
  tags: (record: OutcomeRecord) => string[];
}

export function replayModel(name: string, price: Price): ModelInfo {
  return {
    id: name,
    name,
    aliases: [],
    providerKind: "mock",
    providerConnectionId: "replay",
    upstreamName: name,
    baseUrl: "http://replay.invalid",
    apiKey: null,
    settings: {},
    inputPricePerMillion: price.input,
    outputPricePerMillion: price.output,
    contextWindow: 1_000_000,
    maxOutputTokens: null,
    capabilities: ["tools", "vision", "json", "json_schema", "streaming"],
    teamId: null,
    enabled: true,
  };
}

export function replayPolicy(
  policyBody: unknown,
  records: readonly OutcomeRecord[],
  rows: readonly OutcomeRow[],
  scores: readonly RecordScores[],
  pair: ModelPair,
  prices: Map<string, Price>,
  learning?: ReplayLearning,
): PolicyPoint {
  const models = [pair.cheap, pair.strong].map((name) =>
    replayModel(name, prices.get(name) as Price),
  );
  const current = { index: 0 };
  const classifier: ComplexityClassifier = {
    name: "replay",
    score: () => scores[current.index]?.complexity ?? 0,
  };
  const scorer: QualityScorer = {
    name: "replay",
    score: () => scores[current.index]?.answerScore ?? 0,
    preCall: () => {
      const found = scores[current.index];
      return found?.preRouted ? found.answerScore : null;
    },
  };
  const compiled = compilePolicy(policyBody, {
    models,
    classifier,
    scorer,
    random: () => 0.5,
    ...(learning && { learnedRouter: learning.learnedRouter }),
  });
  let skipped = 0;
  let strong = 0;
  let cascaded = 0;
  let quality = 0;
  let cost = 0;
  const reasons: Record<string, number> = {};
  records.forEach((record, index) => {
    current.index = index;
    const row = rows[index] as OutcomeRow;
    const { text } = promptOf(record.messages);
    const request: RoutingRequest = {
      messages: record.messages,
      hasImages: false,
      requestedModel: "switchyard/auto",
      keyId: "replay",
      teamId: "replay",
      estimatedInputTokens: Math.ceil(text.length / 4),
      ...(learning && { tags: learning.tags(record) }),
    };
    const decision = compiled.decide(request);
    if (decision.trace.cascadeSkipped) skipped++;
    reasons[decision.trace.reason] = (reasons[decision.trace.reason] ?? 0) + 1;
    const first = decision.plan[0]?.model;
    if (decision.strategy === "cascade" && decision.cascade && compiled.cascadeScorer) {
      cascaded++;
      const escalate = (scores[index]?.answerScore ?? 0) < decision.cascade.threshold;
      cost += row.cheapCost + (escalate ? row.strongCost : 0);
      quality += escalate ? row.strongScore : row.cheapScore;
      if (escalate) strong++;
    } else if (first === pair.strong) {
      strong++;
      cost += row.strongCost;
      quality += row.strongScore;
    } else {
      cost += row.cheapCost;
      quality += row.cheapScore;
    }
  });
  const n = Math.max(1, records.length);
  return {
    strongShare: strong / n,
    cascadeShare: cascaded / n,
    quality: quality / n,
    costUsd: cost,
    reasons,
    skippedShare: skipped / n,
  };
}
