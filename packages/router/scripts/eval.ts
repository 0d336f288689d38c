/**
 * pnpm eval --data FILE [--policy FILE] [--prices FILE] [--out DIR] [--strategy auto|classifier|cascade]
 * Replays an outcome file: classifier and cascade thresholds swept (RouteLLM's 10 qcut bins, plus
 * 100 bins for cost), baselines, and the policy's own operating point when --policy is given.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { inProcessSource, precomputedSource } from "../src/eval/decision-source";
import { modelPair } from "../src/eval/outcomes";
import { replayPolicy } from "../src/eval/policy-replay";
import { outcomeRows, scoreAll, summariseReplay } from "../src/eval/replay";
import { promptOf } from "../src/features/request-text";
import { shippedClassifier, shippedScorer } from "../src/shipped-weights";
import { readOutcomeFile, readPrices } from "./lib/load-outcomes";
import { outOfFoldScores, shippedTraining } from "./lib/oof-source";
import { defaultDataDir, parseFlags, sha256File } from "./lib/paths";
import { countSeenPrompts } from "./lib/prompt-hashes";
import { printReport, renderCurve } from "./lib/report";

const flags = parseFlags(process.argv.slice(2), ["data", "policy", "prices", "out", "strategy"]);
const dataFlag = flags.get("data");
if (!dataFlag)
  throw new Error("usage: pnpm eval --data FILE [--policy FILE] [--prices FILE] [--out DIR]");
const dataPath = resolve(dataFlag);
const strategyFlag = flags.get("strategy") ?? "auto";
if (strategyFlag !== "auto" && strategyFlag !== "classifier" && strategyFlag !== "cascade")
  throw new Error("--strategy must be auto, classifier or cascade");
const pricesPath =
  flags.get("prices") ??
  [resolve(dirname(dataPath), "prices.json"), resolve(defaultDataDir, "prices.json")].find((p) =>
    existsSync(p),
  );
if (!pricesPath) throw new Error("no prices file: pass --prices FILE");
const log = (message: string) => process.stderr.write(`${message}\n`);

const records = readOutcomeFile(dataPath);
const prices = readPrices(resolve(pricesPath));
const pair = modelPair(records, prices);
const fileSha = sha256File(dataPath);
const training = shippedTraining();
const trainedOn = training.files.some((file) => file.sha256 === fileSha);
const seenPrompts = trainedOn
  ? 0
  : countSeenPrompts(
      training.promptHashes,
      records.map((record) => promptOf(record.messages).text),
    );
if (seenPrompts > 0)
  log(
    `warning: ${seenPrompts} of ${records.length} prompts were in the shipped weights' training data: their scores are in-sample`,
  );
const source = trainedOn
  ? precomputedSource(
      outOfFoldScores(fileSha, [dirname(dataPath), defaultDataDir], prices, log),
      "out-of-fold predictions (k-fold: this file trained the shipped weights)",
    )
  : inProcessSource(shippedClassifier(), shippedScorer());

const barWidth = 30;
const scores = await scoreAll(records, pair, source, (done, total) => {
  const filled = Math.round((done / total) * barWidth);
  process.stderr.write(
    `\r[${"#".repeat(filled)}${"-".repeat(barWidth - filled)}] ${done}/${total} records`,
  );
  if (done === total) process.stderr.write("\n");
});
const rows = outcomeRows(records, pair, prices);
// auto: the cascade when the file records the cheap model's answers (it reads them), else the classifier.
const withAnswers = records.filter(
  (record) => typeof record.outcomes[pair.cheap]?.response === "string",
).length;
const strategy =
  strategyFlag !== "auto"
    ? strategyFlag
    : withAnswers >= 0.9 * records.length
      ? "cascade"
      : "classifier";
const summary = summariseReplay(rows, scores, pair, source.description, strategy);

let policyPoint: ReturnType<typeof replayPolicy> | null = null;
const policyFlag = flags.get("policy");
if (policyFlag) {
  const text = readFileSync(resolve(policyFlag), "utf8")
    .replaceAll('"$cheap"', JSON.stringify(pair.cheap))
    .replaceAll('"$strong"', JSON.stringify(pair.strong));
  policyPoint = replayPolicy(JSON.parse(text), records, rows, scores, pair, prices);
}

printReport(basename(dataPath), summary, policyPoint);

const outFlag = flags.get("out");
if (outFlag) {
  const out = resolve(outFlag);
  mkdirSync(out, { recursive: true });
  const { strategies, ...top } = summary;
  const json = {
    ...top,
    file: basename(dataPath),
    inSamplePrompts: seenPrompts,
    strategies: Object.fromEntries(Object.entries(strategies).map(([name, s]) => [name, s])),
    policy: policyPoint,
  };
  writeFileSync(resolve(out, "summary.json"), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(resolve(out, "curve.svg"), renderCurve(basename(dataPath), summary, policyPoint));
  log(`wrote ${resolve(out, "summary.json")} and ${resolve(out, "curve.svg")}`);
}
