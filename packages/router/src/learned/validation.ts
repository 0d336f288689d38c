/**
 * Held-out validation for the artefact's report: fit on the prompts outside a seeded split (by
 * promptKey), score the others.
 */
import { hashString } from "../features/hash";
import type { LearnedReport } from "./artefact";
import { type FitOptions, fitWeights, meanGrades } from "./fit-weights";
import { type HeldOutRow, modelMetrics, pairApgr } from "./held-out";
import { designRow, predictRow } from "./objective";
import type { Outcome } from "./outcome";
import type { Steps } from "./steps";

const bucketOf = (seed: number, key: string) => hashString(`${seed}:${key}`) % 100;

export function split(outcomes: readonly Outcome[], seed: number, percent: number) {
  const test = outcomes.filter((o) => bucketOf(seed, o.promptKey) < percent);
  const train = outcomes.filter((o) => bucketOf(seed, o.promptKey) >= percent);
  return { train, test };
}

interface Validation {
  logLoss: number;
  report: NonNullable<LearnedReport["heldOut"]>;
}

export function* validate(
  train: readonly Outcome[],
  test: readonly Outcome[],
  options: FitOptions,
  textScale: number,
): Steps<Validation> {
  const fitted = yield* fitWeights(train, options, textScale);
  const tagIndex = new Map(fitted.layout.tags.map((tag, i) => [tag, i]));
  const k = options.models.length;
  const rows: HeldOutRow[] = [];
  let loss = 0;
  let graded = 0;
  for (const [i, outcome] of test.entries()) {
    if (i % 500 === 499) yield;
    const row = designRow(outcome, fitted.layout, tagIndex);
    if (!row) continue;
    const predicted = new Float64Array(k);
    const grades = new Float64Array(k).fill(Number.NaN);
    for (let m = 0; m < k; m++) predicted[m] = predictRow(fitted.weights, fitted.layout, row, m);
    row.models.forEach((m, e) => {
      const y = row.grades[e] as number;
      const p = Math.min(1 - 1e-9, Math.max(1e-9, predicted[m] as number));
      grades[m] = y;
      loss -= row.weight * (y * Math.log(p) + (1 - y) * Math.log(1 - p));
      graded += row.weight;
    });
    rows.push({ predicted, grades });
  }
  const trainMeans = meanGrades(train, options.models);
  const metrics: Record<string, ReturnType<typeof modelMetrics>> = {};
  options.models.forEach((model, m) => {
    metrics[model] = modelMetrics(rows, m, trainMeans[m]?.mean ?? 0.5);
  });
  let strong = 0;
  trainMeans.forEach((mean, m) => {
    if (mean.mean > (trainMeans[strong]?.mean ?? Number.NEGATIVE_INFINITY)) strong = m;
  });
  const pair =
    k >= 2 && strong !== 0
      ? {
          cheap: options.models[0] as string,
          strong: options.models[strong] as string,
          apgr: pairApgr(rows, 0, strong),
        }
      : null;
  return {
    logLoss: graded > 0 ? loss / graded : 0,
    report: { train: train.length, test: rows.length, models: metrics, pair },
  };
}

/** The held-out report (null when there are too few outcomes to hold some out). */
export function* heldOutReport(
  usable: readonly Outcome[],
  options: FitOptions,
  textScale: number,
): Steps<LearnedReport["heldOut"]> {
  const percent = options.heldOutPercent ?? 20;
  if (percent <= 0) return null;
  const { train, test } = split(usable, options.seed, percent);
  if (test.length < 5 || train.length < 5) return null;
  return (yield* validate(train, test, options, textScale)).report;
}
