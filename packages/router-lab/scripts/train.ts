/**
 * pnpm router:train [--data DIR] [--files a.jsonl.gz,b.jsonl.gz]
 * Fits the classifier and the scorer on the outcome files, measures them out-of-sample, writes
 * packages/router's weights/*.json and MODEL_CARD.md, and the out-of-fold cache that `pnpm eval`
 * uses for these files.
 * Deterministic: same inputs → byte-identical outputs.
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import {
  classifierSize,
  DENSE_SLOTS,
  type LogisticWeights,
  promptDenseNames,
  type QualityScorerFile,
  quantiles,
  RESPONSE_SLOTS,
  responseDenseNames,
  SCORER_FEATURES,
} from "@switchyard/router/training";
import { tradeoffTable } from "../src/eval/tradeoff";
import { compactWeights } from "../src/model/train-logistic";
import {
  fitAndScore,
  isHeldOut,
  leaveGroupOut,
  only,
  outOfFold,
  type Scored,
} from "./lib/cross-validate";
import { toRows } from "./lib/dataset";
import { config, fitAll, prepare } from "./lib/fit";
import { readOutcomeFile, readPrices } from "./lib/load-outcomes";
import { type Evaluation, renderModelCard } from "./lib/model-card";
import { writeOofCache } from "./lib/oof-cache";
import {
  defaultDataDir,
  oofCachePath,
  parseFlags,
  routerDir,
  sha256File,
  weightsDir,
} from "./lib/paths";
import { encodePromptHashes } from "./lib/prompt-hashes";

const flags = parseFlags(process.argv.slice(2), ["data", "files", "prices"]);
const dataDir = resolve(flags.get("data") ?? defaultDataDir);
const fileNames = (flags.get("files") ?? "gsm8k-dev.jsonl.gz,mmlupro-dev.jsonl.gz").split(",");
const prices = readPrices(flags.get("prices") ?? resolve(dataDir, "prices.json"));
const started = performance.now();
const log = (message: string) =>
  process.stderr.write(
    `[train ${((performance.now() - started) / 1000).toFixed(1)}s] ${message}\n`,
  );

const files = fileNames.map((name) => {
  const path = resolve(dataDir, name);
  const records = readOutcomeFile(path);
  const source = basename(name).replace(/\.jsonl(\.gz)?$/, "");
  return {
    name: basename(name),
    path,
    source,
    sha256: sha256File(path),
    rows: toRows(records, prices, source),
  };
});
const rows = prepare(files.flatMap((file) => file.rows));
log(`${rows.length} rows, features extracted`);

const oof = outOfFold(rows);
log(`${config.folds}-fold out-of-fold predictions done`);
const heldOut = fitAndScore(
  rows.filter((row) => !isHeldOut(row)),
  rows.filter(isHeldOut),
);
log("held-out split done");
const evaluations: Evaluation[] = [];
const transferOf = new Map<string, Scored>();
/** MMLU-Pro categories whose recorded strong answers are a run artefact (eval README). */
const artefactGroups = new Set(["mmlupro/math", "mmlupro/chemistry"]);
for (const file of files) {
  const mine = (row: { source: string }) => row.source === file.source;
  evaluations.push({ label: "k-fold", source: file.source, scored: only(oof, mine) });
  evaluations.push({ label: "held-out", source: file.source, scored: only(heldOut, mine) });
  if (files.length > 1) {
    const transfer = fitAndScore(
      rows.filter((row) => !mine(row)),
      rows.filter(mine),
    );
    evaluations.push({ label: "transfer", source: file.source, scored: transfer });
    transferOf.set(file.source, transfer);
  }
  if (new Set(file.rows.map((row) => row.group)).size > 1) {
    const subjects = leaveGroupOut(rows, mine);
    evaluations.push({ label: "leave-subject-out", source: file.source, scored: subjects });
    const clean = (row: { group: string }) => !artefactGroups.has(row.group);
    for (const [label, scored] of [
      ["k-fold", only(oof, mine)],
      ["transfer", transferOf.get(file.source)],
      ["leave-subject-out", subjects],
    ] as const)
      if (scored?.rows.some((row) => !clean(row)))
        evaluations.push({
          label: `${label}, w/o math, chemistry`,
          source: file.source,
          scored: only(scored, clean),
        });
  }
}
log("transfer and leave-subject-out runs done");

const trainingInfo: Record<string, unknown> & {
  files: { name: string; sha256: string; rows: number }[];
} = {
  files: files.map((file) => ({ name: file.name, sha256: file.sha256, rows: file.rows.length })),
  config,
};
/** k-fold threshold → strong share / quality / cost tables per source, for the console. */
function tradeoffBySource(strategy: "classifier" | "cascade") {
  return Object.fromEntries(
    files.map((file) => {
      const scored = only(oof, (row) => row.source === file.source);
      return [
        file.source,
        strategy === "classifier"
          ? tradeoffTable(scored.rows, scored.classifier, "route")
          : tradeoffTable(scored.rows, scored.scorer, "cascade"),
      ];
    }),
  );
}
const fitted = fitAll(rows);
const denseNames = Array.from(
  { length: DENSE_SLOTS },
  (_, k) => promptDenseNames[k] ?? `unused_${k}`,
);
const classifierFile: LogisticWeights = {
  format: "switchyard-logistic",
  version: 1,
  name: "complexity-classifier",
  target: "sigmoid(logit P(cheap answer wrong) + 0.5 logit P(strong answer right))",
  hashBits: config.hashBits,
  size: classifierSize(config.hashBits),
  denseNames,
  weights: compactWeights(fitted.classifier),
  training: {
    ...trainingInfo,
    tradeoff: tradeoffBySource("classifier"),
    promptHashes: encodePromptHashes(rows.map((row) => row.text)),
  },
};
const scorerModel = fitted.scorer;
const pad = (names: readonly string[], length: number, prefix: string) =>
  Array.from({ length }, (_, k) => `${prefix}.${names[k] ?? `unused_${k}`}`);
const scorerFile: QualityScorerFile = {
  format: "switchyard-gbdt",
  version: 1,
  name: "quality-scorer",
  target: "P(cheap model answer is right | prompt, answer)",
  featureCount: SCORER_FEATURES,
  featureNames: [
    ...pad(promptDenseNames, DENSE_SLOTS, "prompt"),
    ...pad(responseDenseNames, RESPONSE_SLOTS, "answer"),
  ],
  base: scorerModel.base,
  trees: scorerModel.trees.map((tree) => ({
    ...tree,
    value: tree.value.map((v) => Number(v.toPrecision(6))),
  })),
  missingAnswer: {
    classifierQuantiles: quantiles(oof.classifier).map((v) => Number(v.toPrecision(6))),
    answerQuantiles: quantiles(oof.scorer).map((v) => Number(v.toPrecision(6))),
  },
  training: { ...trainingInfo, tradeoff: tradeoffBySource("cascade") },
};
const classifierJson = `${JSON.stringify(classifierFile)}\n`;
writeFileSync(resolve(weightsDir, "classifier.json"), classifierJson);
writeFileSync(resolve(weightsDir, "scorer.json"), `${JSON.stringify(scorerFile)}\n`);
log("weights written");

const cacheFiles: Record<string, Record<string, [number, number]>> = {};
for (const file of files) {
  const entries: Record<string, [number, number]> = {};
  oof.rows.forEach((row, i) => {
    if (row.source === file.source) entries[row.id] = [oof.classifier[i] ?? 0, oof.scorer[i] ?? 0];
  });
  cacheFiles[file.sha256] = entries;
}
writeOofCache(oofCachePath, {
  weightsSha256: createHash("sha256").update(classifierJson).digest("hex"),
  files: cacheFiles,
});
const classifierWeights = new Map(classifierFile.weights);
const splitCounts = new Map<number, number>();
for (const tree of scorerFile.trees)
  for (const feature of tree.feature)
    if (feature >= 0) splitCounts.set(feature, (splitCounts.get(feature) ?? 0) + 1);
const topFeatures = {
  classifier: denseNames
    .map((name, i): [string, number] => [name, classifierWeights.get(i) ?? 0])
    .filter(([name]) => name !== "bias" && !name.startsWith("unused_"))
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || a[0].localeCompare(b[0]))
    .slice(0, 12),
  scorer: [...splitCounts.entries()]
    .map(([feature, count]): [string, number] => [
      scorerFile.featureNames[feature] ?? `f${feature}`,
      count,
    ])
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 12),
};
const card = renderModelCard({
  topFeatures,
  files: trainingInfo.files,
  evaluations,
  oofBySource: files.map((file) => ({
    source: file.source,
    scored: only(oof, (row) => row.source === file.source),
  })),
});
const cardPath = resolve(routerDir, "MODEL_CARD.md");
writeFileSync(cardPath, card);
log("MODEL_CARD.md and out-of-fold cache written");
