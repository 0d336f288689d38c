/**
 * pnpm eval --data FILE --learn RATE [--prices P] [--models a,b,c] [--judge MODEL] [--retrain N]
 *           [--max-share S] [--explore P] [--seed S] [--min-quality Q] [--train FILE[:a,b]]
 *           [--curve 0,80,300 [--curve-seeds K]] [--skip-categories a,b] [--out DIR]
 * The learning loop in-process (src/learn/learning-loop.ts): summary.json keeps the eval's keys
 * (apgr, cpt50, cpt80, savedAt95, points: the learned router on the non-sampled requests) and
 * adds calibrationShare, the details and policyAtDefault (the shipped default policy on the same
 * traffic). `--max-share` and `--explore` are the policy's `learning.maxShare` and
 * `learning.explore` (defaults 1, as in the product: no cap, every candidate graded). `--train`
 * starts from another team's outcomes (another file, its candidates mapped onto ours by price
 * rank; the same file: half of its prompts train, the other half is the traffic). `--curve` adds
 * the learning curve (learning-curve.ts).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { fitLearnedRouter, outcomeOf } from "@switchyard/router";
import { priorQualities } from "@switchyard/router/training";
import { z } from "zod";
import { curveSvg } from "../../src/eval/curve-svg";
import { describeDefaultPolicy } from "../../src/eval/default-policy";
import type { OutcomeRecord, Price, Outcome as RecordedOutcome } from "../../src/eval/outcomes";
import { candidates, mergeByPrompt } from "../../src/learn/learn-records";
import {
  bestSingleModel,
  calibrationAt,
  learnedSummary,
  referenceSummaries,
} from "../../src/learn/learn-summary";
import { learningCurve } from "../../src/learn/learning-curve";
import {
  DEFAULT_TAPER_AFTER,
  DEFAULT_WARMUP,
  fixedScore,
  type LoopRequest,
  recordRequest,
} from "../../src/learn/learning-loop";
import { fileSource, policyAtDefault } from "./default-policy-eval";
import { inTrainingHalf, learnOptions, priorScores, transferOutcomes } from "./learn-inputs";
import { runLoop } from "./learn-run";
import { readOutcomeFile } from "./load-outcomes";

export const learnFlags = [
  "learn",
  "models",
  "judge",
  "retrain",
  "max-share",
  "explore",
  "adaptive",
  "seed",
  "min-quality",
  "train",
  "curve",
  "curve-seeds",
  "skip-categories",
];

const f3 = (x: number | null) => (x === null || Number.isNaN(x) ? "n/a" : x.toFixed(3));
const pct = (x: number | null) =>
  x === null || Number.isNaN(x) ? "n/a" : `${(x * 100).toFixed(1)}%`;

export async function runLearnEval(
  flags: Map<string, string>,
  dataPath: string,
  prices: Map<string, Price>,
  log: (message: string) => void,
): Promise<void> {
  const {
    rate,
    retrainEvery,
    seed,
    minQuality,
    maxShare,
    explore,
    adaptive,
    judgeName,
    judgePrice,
    judge,
  } = learnOptions(flags, prices);
  const requested = flags
    .get("models")
    ?.split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const skipped = new Set(flags.get("skip-categories")?.split(",") ?? []);
  // Skipping categories keeps the file's identity (its out-of-fold prior scores).
  const merged = mergeByPrompt(readOutcomeFile(dataPath)).filter(
    (record) => !skipped.has(record.category ?? ""),
  );
  const trainPath = flags.get("train");
  const sameFile = trainPath !== undefined && resolve(trainPath.split(":")[0] ?? "") === dataPath;
  const picked = candidates(merged, prices, requested);
  const { models, dropped } = picked;
  // Trained on the same file: the traffic is the other half of its prompts.
  const records = sameFile ? picked.records.filter((r) => !inTrainingHalf(r)) : picked.records;
  const prior = priorScores(dataPath, prices, log);
  const warmOutcomes = trainPath
    ? transferOutcomes(trainPath, dataPath, models, prices, log)
    : undefined;
  log(
    `learning loop: ${records.length} prompts (${dropped} without every candidate dropped), ${models.length} candidates, rate ${rate}, refit from 5 outcomes when they grow by half or by ${retrainEvery}${warmOutcomes ? `, ${warmOutcomes.length} outcomes from ${basename(trainPath ?? "")} first` : ""}`,
  );
  const source = flags.get("source") ?? "gateway";
  const started = performance.now();
  const { loop, paused, gatewayCheck } = await runLoop(source, records, models, prices, {
    rate,
    retrainEvery,
    seed,
    judge,
    priorScore: (record) => prior.score(record),
    maxShare,
    minQuality,
    explore,
    adaptive,
    ...(warmOutcomes && { warmOutcomes }),
  });
  const seconds = (performance.now() - started) / 1000;
  const evaluated = loop.requests.filter((r) => !r.sampled);
  const learned = learnedSummary(evaluated);
  const priorOnly: LoopRequest[] = evaluated.map((r) => {
    const qualities = new Float64Array(models.length);
    priorQualities(prior.score(r.record), qualities, models.length);
    return { ...r, qualities };
  });
  const strategies = {
    learned,
    prior: learnedSummary(priorOnly),
    ...referenceSummaries(evaluated, seed, models),
  };
  const best95 = learned.densePoints
    .filter((p) => p.quality >= 0.95 * avg(evaluated, models.length - 1) - 1e-12)
    .sort((a, b) => a.costUsd - b.costUsd)[0];
  const atSaved = calibrationAt(loop.requests, best95 ? best95.threshold : 1);
  const atMin = calibrationAt(loop.requests, minQuality);
  const fitMs = loop.fits.map((fit) => fit.ms);
  // The final artefact again, with a held-out report (20% of its prompts).
  const finalOutcomes = loop.requests
    .filter((r) => r.sampled)
    .map((r) => {
      const grades: Record<string, { quality: number }> = {};
      models.forEach((name, m) => {
        grades[name] = { quality: r.scores[m] as number };
      });
      return outcomeOf(recordRequest(r.record), grades, {
        classifier: fixedScore(prior.score(r.record)),
      });
    });
  const final =
    finalOutcomes.length > 0
      ? fitLearnedRouter([...(warmOutcomes ?? []), ...finalOutcomes], {
          models,
          seed,
          heldOutPercent: 20,
        })
      : null;
  const single = models.length > 2 ? bestSingleModel(evaluated, models) : null;
  // The shipped default policy on the same traffic, over the cheapest and the dearest candidate.
  const pair = { cheap: models[0] as string, strong: models.at(-1) as string };
  const pairRecords: OutcomeRecord[] = records.map((record) => ({
    id: record.recordId,
    messages: record.messages,
    ...(record.category !== undefined && { category: record.category }),
    outcomes: {
      [pair.cheap]: record.outcomes[pair.cheap] as RecordedOutcome,
      [pair.strong]: record.outcomes[pair.strong] as RecordedOutcome,
    },
  }));
  const { point: atDefault, learned: learnedCascade } = await policyAtDefault(
    pairRecords,
    pair,
    prices,
    fileSource(dataPath, prices, log),
    finalOutcomes,
  );
  const atPolicy = calibrationAt(loop.requests, minQuality);

  const lines: string[] = [];
  lines.push(
    `${basename(dataPath)}: learned routing over ${models.join(" < ")} (price order); ${evaluated.length} requests routed, ${loop.outcomes} calibration samples (rate ${rate}; ${paused} more drawn, paused by maxShare ${maxShare}; explore ${explore}; adaptive ${adaptive}; warmup ${DEFAULT_WARMUP}; taperAfter ${DEFAULT_TAPER_AFTER}), ${loop.fits.length} fits (from 5 outcomes, then when they grew by half or by ${retrainEvery}; mean ${f3(mean(fitMs) / 1000)} s, max ${f3(Math.max(0, ...fitMs) / 1000)} s), ${seconds.toFixed(1)} s`,
  );
  lines.push(
    `prior: ${prior.description}; judge: ${judgeName} ($${judgePrice.input}/$${judgePrice.output} per M)`,
  );
  lines.push(
    gatewayCheck
      ? `source: the gateway (mock-llm replaying each model's recorded answer; its mock-judge returns each answer's recorded score as the grade; outcomes stored and fitted by the server's trainPolicy); decisions agree with the in-process replay of each request's artefact on ${gatewayCheck.agreement.agreed}/${gatewayCheck.agreement.requests}; served spend as accounted $${gatewayCheck.accounting.gatewayServedUsd.toFixed(4)} vs recorded $${gatewayCheck.accounting.recordedServedUsd.toFixed(4)}`
      : "source: in-process (recorded scores as the judge's grades)",
  );
  lines.push(
    `x axis: ${learned.axis === "cost" ? "cost between all-cheapest and all-most-expensive" : "share of strong calls"}`,
  );
  lines.push(
    `${"strategy".padEnd(18)}${"APGR".padEnd(8)}${"CPT(50%)".padEnd(10)}${"CPT(80%)".padEnd(10)}saved@95%`,
  );
  for (const [name, s] of Object.entries(strategies))
    lines.push(
      `${name.padEnd(18)}${f3(s.apgr).padEnd(8)}${pct(s.cpt50).padEnd(10)}${pct(s.cpt80).padEnd(10)}${pct(s.savedAt95)}`,
    );
  if (single)
    lines.push(
      `best single model at 95%: ${single.model} (quality ${f3(single.quality)}, saves ${pct(single.savedShare)})`,
    );
  for (const [label, c] of [
    ["at the saved@95% point", atSaved],
    [`at minQuality ${minQuality}`, atMin],
  ] as const)
    lines.push(
      `${label} (minQuality ${f3(c.minQuality)}): quality ${f3(c.quality)}, calibration ${pct(c.share)} of spend (gross ${pct(c.grossShare)}, judge $${c.judgeUsd.toFixed(4)}), saved with calibration ${pct(c.savedWithCalibration)}`,
    );
  if (final?.report.heldOut)
    lines.push(
      `final artefact ${final.id} (${final.trainingSize} outcomes), held-out ${final.report.heldOut.test}: ${Object.entries(
        final.report.heldOut.models,
      )
        .map(([m, h]) => `${m} brier ${h.brier} (const ${h.baselineBrier}) auc ${h.auc ?? "n/a"}`)
        .join("; ")}; pair APGR ${final.report.heldOut.pair?.apgr ?? "n/a"}`,
    );
  lines.push(describeDefaultPolicy(basename(dataPath), atDefault));
  if (learnedCascade)
    lines.push(
      `${describeDefaultPolicy(`with per-tag cascade verdicts of ${learnedCascade.artefact}`, learnedCascade.point)}; cascade skipped on ${pct(learnedCascade.point.skippedShare ?? 0)} (tags → strong ${learnedCascade.strongTags.length}, → cheap ${learnedCascade.cheapTags.length})`,
    );
  const curve = flags.has("curve")
    ? learningCurve(
        records,
        models,
        prices,
        (record) => prior.score(record),
        (flags.get("curve") ?? "")
          .split(",")
          .map((size) => z.coerce.number().int().min(0).parse(size)),
        Array.from(
          {
            length: z.coerce
              .number()
              .int()
              .min(1)
              .parse(flags.get("curve-seeds") ?? 3),
          },
          (_, i) => seed + i,
        ),
      )
    : null;
  if (curve) {
    lines.push("learning curve (fit on n prompts, route every other prompt with that artefact):");
    for (const point of curve)
      lines.push(
        `  n=${String(point.outcomes).padEnd(6)}APGR ${f3(point.apgr)} (${point.runs.map((run) => f3(run.apgr)).join(", ")}), saved@95% ${pct(point.savedAt95)}`,
      );
  }
  console.log(lines.join("\n"));

  const out = flags.get("out");
  if (!out) return;
  const dir = resolve(out);
  mkdirSync(dir, { recursive: true });
  const k = models.length;
  const summary = {
    file: basename(dataPath),
    mode: "learn",
    source,
    ...(gatewayCheck && { gateway: gatewayCheck }),
    apgr: learned.apgr,
    cpt50: learned.cpt50,
    cpt80: learned.cpt80,
    savedAt95: learned.savedAt95,
    points: learned.points,
    calibrationShare: atSaved.share,
    calibrationShareAtMinQuality: atPolicy.share,
    policyAtDefault: atDefault,
    policyAtDefaultLearnedCascade: learnedCascade,
    axis: learned.axis,
    models,
    rate,
    maxShare,
    explore,
    adaptive,
    warmup: DEFAULT_WARMUP,
    taperAfter: DEFAULT_TAPER_AFTER,
    paused,
    retrainEvery,
    seed,
    judge,
    prior: prior.description,
    records: records.length,
    dropped,
    evaluated: evaluated.length,
    outcomes: loop.outcomes,
    cheapQuality: avg(evaluated, 0),
    strongQuality: avg(evaluated, k - 1),
    strategies,
    bestSingle: single,
    calibration: { atSaved95: atSaved, atMinQuality: atMin },
    fits: { count: loop.fits.length, meanMs: mean(fitMs), maxMs: Math.max(0, ...fitMs) },
    train: trainPath ? basename(trainPath) : null,
    skipCategories: [...skipped],
    learningCurve: curve,
    finalArtefact: final
      ? { id: final.id, trainingSize: final.trainingSize, report: final.report }
      : null,
  };
  writeFileSync(resolve(dir, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(
    resolve(dir, "curve.svg"),
    curveSvg(
      `${basename(dataPath)}: learned routing, rate ${rate} (${learned.axis === "cost" ? "x: normalised cost" : "x: strong share"})`,
      [
        {
          label: `learned (APGR ${f3(learned.apgr)})`,
          color: "#1f77b4",
          points: learned.densePoints,
        },
        {
          label: `prior (APGR ${f3(strategies.prior.apgr)})`,
          color: "#2ca02c",
          points: strategies.prior.densePoints,
        },
        { label: "random", color: "#999999", points: strategies.random.densePoints, dashed: true },
      ],
      [],
    ),
  );
  log(`wrote ${resolve(dir, "summary.json")} and ${resolve(dir, "curve.svg")}`);
}

const mean = (values: readonly number[]) =>
  values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const avg = (requests: readonly LoopRequest[], m: number) =>
  requests.reduce((a, r) => a + (r.scores[m] as number), 0) / Math.max(1, requests.length);
