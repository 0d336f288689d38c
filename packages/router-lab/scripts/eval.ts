/**
 * pnpm eval --data FILE [--policy FILE] [--prices FILE] [--out DIR] [--strategy auto|classifier|cascade]
 *           [--source gateway|in-process] [--concurrency N] [--weights oof|shipped]
 * Replays an outcome file: classifier and cascade thresholds swept (RouteLLM's 10 qcut bins, plus
 * 100 bins for cost), baselines, and the policy's own operating point. `--source gateway` (the
 * default) sends every record through the real gateway (mock-llm replaying the recorded answers)
 * and checks the policy against what the gateway routed and accounted; `--source in-process`
 * scores in this process only (the policy point then needs --policy).
 * `--learn RATE` runs the learning loop instead (in-process; scripts/lib/learn-eval.ts).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { promptOf, shippedClassifier, shippedScorer } from "@switchyard/router";
import { z } from "zod";
import { inProcessSource, precomputedSource } from "../src/eval/decision-source";
import { bindPolicy, defaultPolicyPoint, describeDefaultPolicy } from "../src/eval/default-policy";
import { commonPair } from "../src/eval/outcomes";
import { replayPolicy } from "../src/eval/policy-replay";
import { outcomeRows, scoreAll, summariseReplay } from "../src/eval/replay";
import { DEFAULT_POLICY_PATH } from "./lib/default-policy-eval";
import { runGatewayEval } from "./lib/gateway-eval";
import { printGatewayComparison } from "./lib/gateway-report";
import { learnFlags, runLearnEval } from "./lib/learn-eval";
import { readOutcomeFile, readPrices } from "./lib/load-outcomes";
import { outOfFoldScores, shippedTraining } from "./lib/oof-source";
import { defaultDataDir, parseFlags, routerDir, sha256File } from "./lib/paths";
import { countSeenPrompts } from "./lib/prompt-hashes";
import { printReport, renderCurve } from "./lib/report";

const flags = parseFlags(process.argv.slice(2), [
  "data",
  "policy",
  "prices",
  "out",
  "strategy",
  "source",
  "concurrency",
  "weights",
  ...learnFlags,
]);
const dataFlag = flags.get("data");
if (!dataFlag)
  throw new Error("usage: pnpm eval --data FILE [--policy FILE] [--prices FILE] [--out DIR]");
const dataPath = resolve(dataFlag);
const strategyFlag = flags.get("strategy") ?? "auto";
if (strategyFlag !== "auto" && strategyFlag !== "classifier" && strategyFlag !== "cascade")
  throw new Error("--strategy must be auto, classifier or cascade");
const sourceFlag = flags.get("source") ?? "gateway";
if (sourceFlag !== "gateway" && sourceFlag !== "in-process")
  throw new Error("--source must be gateway or in-process");
const concurrency = z.coerce
  .number()
  .int()
  .min(1)
  .max(256)
  .parse(flags.get("concurrency") ?? 16);
// oof (default): a file that trained the shipped weights is scored out-of-fold, in the gateway too.
// shipped: the gateway uses its shipped weights as deployed (in-sample on such a file).
const weightsFlag = flags.get("weights") ?? "oof";
if (weightsFlag !== "oof" && weightsFlag !== "shipped")
  throw new Error("--weights must be oof or shipped");
const pricesPath =
  flags.get("prices") ??
  [resolve(dirname(dataPath), "prices.json"), resolve(defaultDataDir, "prices.json")].find((p) =>
    existsSync(p),
  );
if (!pricesPath) throw new Error("no prices file: pass --prices FILE");
const log = (message: string) => process.stderr.write(`${message}\n`);

if (flags.has("learn")) {
  // The learning loop (in-process): its own records, candidates and summary.
  await runLearnEval(flags, dataPath, readPrices(resolve(pricesPath)), log);
  process.exit(0);
}
const prices = readPrices(resolve(pricesPath));
const fileRecords = readOutcomeFile(dataPath);
// A file with several pairs (alpacaeval: one row per cheap model) is replayed on its most common one.
const { pair, records, pairs } = commonPair(fileRecords, prices);
if (pairs > 1)
  log(
    `${basename(dataPath)} holds ${pairs} model pairs: evaluating ${pair.cheap} / ${pair.strong} on its ${records.length} of ${fileRecords.length} records (\`--learn\` routes among every model)`,
  );
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
const oofScores = trainedOn
  ? outOfFoldScores(fileSha, [dirname(dataPath), defaultDataDir], prices, log)
  : null;
const source = oofScores
  ? precomputedSource(
      oofScores,
      "out-of-fold predictions (k-fold: this file trained the shipped weights)",
    )
  : inProcessSource(shippedClassifier(), shippedScorer());

const barWidth = 30;
const progress = (done: number, total: number, label: string) => {
  if (done !== total && done % 25 !== 0) return;
  const filled = Math.round((done / total) * barWidth);
  process.stderr.write(
    `\r[${"#".repeat(filled)}${"-".repeat(barWidth - filled)}] ${done}/${total} ${label}`.padEnd(
      80,
    ),
  );
  if (done === total) process.stderr.write("\n");
};
const scores = await scoreAll(records, pair, source, (done, total) =>
  progress(done, total, "records scored in-process"),
);
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
const categories = records.map((record) => record.category ?? record.dataset ?? "");
let summary = summariseReplay(rows, scores, pair, source.description, strategy, 7, categories);
const atDefault = defaultPolicyPoint(
  bindPolicy(readFileSync(DEFAULT_POLICY_PATH, "utf8"), pair),
  records,
  scores,
  pair,
  prices,
);

let policyPoint: ReturnType<typeof replayPolicy> | null = null;
// The gateway needs a policy to check: --policy, else the eval policy of the primary strategy.
const policyFlag =
  flags.get("policy") ??
  (sourceFlag === "gateway" ? resolve(routerDir, `policies/eval-${strategy}.json`) : undefined);
let policyBody: Record<string, unknown> | null = null;
if (policyFlag) {
  const text = readFileSync(resolve(policyFlag), "utf8")
    .replaceAll('"$cheap"', JSON.stringify(pair.cheap))
    .replaceAll('"$strong"', JSON.stringify(pair.strong));
  policyBody = z.record(z.string(), z.unknown()).parse(JSON.parse(text));
  policyPoint = replayPolicy(policyBody, records, rows, scores, pair, prices);
}

let gatewayJson: Record<string, unknown> | null = null;
if (sourceFlag === "gateway" && policyBody) {
  log(
    `replaying through the gateway (3 passes × ${records.length} requests, concurrency ${concurrency})`,
  );
  const inSample = oofScores !== null && weightsFlag === "shipped";
  const shipped = inProcessSource(shippedClassifier(), shippedScorer());
  const result = await runGatewayEval({
    dataPath,
    records,
    pair,
    prices,
    policyBody,
    primary: strategy,
    inProcessScores: inSample ? await scoreAll(records, pair, shipped) : scores,
    inProcessDescription: inSample ? `${shipped.description}, in-sample` : source.description,
    outOfFold: inSample ? null : oofScores,
    inSample,
    concurrency,
    onProgress: (pass, done, total) => progress(done, total, `requests (${pass})`),
  });
  summary = result.gateway;
  policyPoint = result.sweptPoint;
  const section = (policyBody[policyBody.otherwise === "cascade" ? "cascade" : "classifier"] ??
    {}) as { threshold?: number };
  printReport(basename(dataPath), summary, policyPoint);
  printGatewayComparison({
    ...result,
    threshold: `${String(policyBody.otherwise)} threshold ${section.threshold ?? "n/a"}`,
  });
  if (inSample) {
    const oof = summariseReplay(rows, scores, pair, source.description, strategy).strategies;
    const oofPoint = policyBody
      ? replayPolicy(policyBody, records, rows, scores, pair, prices)
      : null;
    console.log(
      `out-of-fold (in-process, the honest figures for this file): classifier APGR ${oof.classifier.apgr.toFixed(3)}, cascade APGR ${oof.cascade.apgr.toFixed(3)}; policy quality ${oofPoint?.quality.toFixed(3)}, strong ${((oofPoint?.strongShare ?? 0) * 100).toFixed(1)}%`,
    );
  }
  const { strategies: _, ...inProcessTop } = result.inProcess;
  gatewayJson = {
    scoring: result.scoring,
    agreement: result.agreement,
    validation: result.validation,
    inProcessPolicy: result.inProcessPoint,
    inProcess: {
      ...inProcessTop,
      strategies: Object.fromEntries(
        Object.entries(result.inProcess.strategies).map(([name, s]) => [
          name,
          { apgr: s.apgr, cpt50: s.cpt50, cpt80: s.cpt80, savedAt95: s.savedAt95 },
        ]),
      ),
    },
    notes: result.notes,
  };
} else printReport(basename(dataPath), summary, policyPoint);

console.log(describeDefaultPolicy(basename(dataPath), atDefault));

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
    policyAtDefault: atDefault,
    ...(gatewayJson ? { gateway: gatewayJson } : {}),
  };
  writeFileSync(resolve(out, "summary.json"), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(resolve(out, "curve.svg"), renderCurve(basename(dataPath), summary, policyPoint));
  log(`wrote ${resolve(out, "summary.json")} and ${resolve(out, "curve.svg")}`);
}
