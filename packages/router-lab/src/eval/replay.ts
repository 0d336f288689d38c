/** Replays an outcome file through a decision source and summarises every strategy. */
import { seededRandom } from "../model/train-logistic";
import type { DecisionSource, RecordScores } from "./decision-source";
import type { CurvePoint } from "./metrics";
import { callCost, type ModelPair, type OutcomeRecord, type Price } from "./outcomes";
import {
  type Baselines,
  baselines,
  type OutcomeRow,
  type StrategySummary,
  summarise,
} from "./summary";

export interface ReplaySummary {
  records: number;
  pair: ModelPair;
  source: string;
  apgr: number;
  cpt50: number;
  cpt80: number;
  savedAt95: number | null;
  strongQuality: number;
  cheapQuality: number;
  /** The primary strategy's RouteLLM sweep points. */
  points: CurvePoint[];
  primary: "classifier" | "cascade";
  baselines: Baselines;
  strategies: Record<"classifier" | "cascade" | "random" | "oracle", StrategySummary> & {
    /**
     * Routes whole subjects by their true mean gain on this very file (ties in random order): the
     * ceiling of any router that knows only the subject. Present when records name 2+ categories.
     */
    subjectOracle?: StrategySummary;
  };
}

export function outcomeRows(
  records: readonly OutcomeRecord[],
  pair: ModelPair,
  prices: Map<string, Price>,
): OutcomeRow[] {
  const cheapPrice = prices.get(pair.cheap);
  const strongPrice = prices.get(pair.strong);
  if (!cheapPrice || !strongPrice) throw new Error("missing price for the model pair");
  return records.map((record) => {
    const cheap = record.outcomes[pair.cheap];
    const strong = record.outcomes[pair.strong];
    if (!cheap || !strong)
      throw new Error(`${record.id}: missing outcome for ${pair.cheap} or ${pair.strong}`);
    return {
      cheapScore: cheap.score,
      strongScore: strong.score,
      cheapCost: callCost(cheap, cheapPrice),
      strongCost: callCost(strong, strongPrice),
    };
  });
}

export async function scoreAll(
  records: readonly OutcomeRecord[],
  pair: ModelPair,
  source: DecisionSource,
  onProgress?: (done: number, total: number) => void,
): Promise<RecordScores[]> {
  const scores: RecordScores[] = [];
  for (let i = 0; i < records.length; i++) {
    scores.push(await source.score(records[i] as OutcomeRecord, pair));
    if (onProgress && (i % 250 === 0 || i === records.length - 1))
      onProgress(i + 1, records.length);
  }
  return scores;
}

/** Cascade sweeps run on 1 − answer score; report thresholds on the answer score (escalate below). */
function onAnswerScale(summary: StrategySummary): StrategySummary {
  const flip = (points: CurvePoint[]) => points.map((p) => ({ ...p, threshold: 1 - p.threshold }));
  return { ...summary, points: flip(summary.points), densePoints: flip(summary.densePoints) };
}

export function summariseReplay(
  rows: readonly OutcomeRow[],
  scores: readonly RecordScores[],
  pair: ModelPair,
  source: string,
  primary: "classifier" | "cascade" = "classifier",
  seed = 7,
  categories?: readonly string[],
): ReplaySummary {
  const random = seededRandom(seed);
  const strategies: ReplaySummary["strategies"] = {
    classifier: summarise(
      rows,
      scores.map((s) => s.complexity),
      "route",
    ),
    cascade: onAnswerScale(
      summarise(
        rows.map((row, i) => (scores[i]?.preRouted ? { ...row, preRouted: true } : row)),
        scores.map((s) => 1 - s.answerScore),
        "cascade",
      ),
    ),
    random: summarise(
      rows,
      rows.map(() => random()),
      "route",
    ),
    oracle: summarise(
      rows,
      rows.map((row) => row.strongScore - row.cheapScore),
      "route",
    ),
  };
  if (categories !== undefined && new Set(categories).size > 1)
    strategies.subjectOracle = summarise(rows, subjectGains(rows, categories, seed), "route");
  const main = strategies[primary];
  const base = baselines(rows);
  return {
    records: rows.length,
    pair,
    source,
    apgr: main.apgr,
    cpt50: main.cpt50,
    cpt80: main.cpt80,
    savedAt95: main.savedAt95,
    strongQuality: base.strongQuality,
    cheapQuality: base.cheapQuality,
    points: main.points,
    primary,
    baselines: base,
    strategies,
  };
}

/** Each row's subject's mean gain (strong − cheap score) on these rows, plus a tie-breaking jitter. */
function subjectGains(rows: readonly OutcomeRow[], categories: readonly string[], seed: number) {
  const totals = new Map<string, { sum: number; count: number }>();
  rows.forEach((row, i) => {
    const total = totals.get(categories[i] ?? "") ?? { sum: 0, count: 0 };
    total.sum += row.strongScore - row.cheapScore;
    total.count += 1;
    totals.set(categories[i] ?? "", total);
  });
  const jitter = seededRandom(seed + 1);
  return rows.map((_, i) => {
    const total = totals.get(categories[i] ?? "") as { sum: number; count: number };
    return total.sum / total.count + jitter() * 1e-9;
  });
}
