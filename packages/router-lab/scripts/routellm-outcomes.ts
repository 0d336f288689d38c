/**
 * pnpm router:routellm --repo DIR --benchmark gsm8k|mmlu|mt-bench --out FILE.jsonl.gz [--exclude FILE]
 * Converts RouteLLM's published evaluation responses (a checkout of lm-sys/RouteLLM) into an
 * outcome file for `pnpm eval`. `--exclude` drops prompts of another outcome file: with
 * ../shared/eval/gsm8k-dev.jsonl.gz it leaves the GSM8K half the router was never trained on.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { promptOf } from "@switchyard/router";
import { readOutcomeFile } from "./lib/load-outcomes";
import { parseFlags } from "./lib/paths";
import { contaminatedPrompts, convertRouteLlmCsv } from "./lib/routellm";
import { convertMtBench } from "./lib/routellm-mtbench";

const flags = parseFlags(process.argv.slice(2), ["repo", "benchmark", "out", "exclude"]);
const repo = flags.get("repo");
const benchmark = flags.get("benchmark");
const out = flags.get("out");
if (!repo || !out || !["gsm8k", "mmlu", "mt-bench"].includes(benchmark ?? ""))
  throw new Error(
    "usage: pnpm router:routellm --repo DIR --benchmark gsm8k|mmlu|mt-bench --out FILE.jsonl.gz [--exclude FILE]",
  );
const evals = resolve(
  repo,
  "routellm/evals",
  benchmark === "mt-bench" ? "mt_bench" : `${benchmark}`,
);
const contaminated = contaminatedPrompts(
  readFileSync(resolve(evals, "contaminated_prompts.jsonl"), "utf8"),
);
const excludePath = flags.get("exclude");
const exclude = excludePath
  ? new Set(readOutcomeFile(resolve(excludePath)).map((record) => promptOf(record.messages).text))
  : undefined;

const mtBench = () => {
  const read = (name: string) => readFileSync(resolve(evals, name), "utf8");
  const records = convertMtBench(read("question.jsonl"), read("judgements.jsonl"), contaminated);
  return exclude ? records.filter((r) => !exclude.has(promptOf(r.messages).text)) : records;
};
const records =
  benchmark === "mt-bench"
    ? mtBench()
    : benchmark === "gsm8k"
      ? convertRouteLlmCsv(readFileSync(resolve(evals, "gsm8k_responses.csv"), "utf8"), {
          dataset: "gsm8k",
          category: "math",
          contaminated,
          exclude,
          idPrefix: "gsm8k/",
        })
      : readdirSync(resolve(evals, "responses"))
          .filter((name) => /^mmlu_.+\.csv$/.test(name))
          .sort()
          .flatMap((name) => {
            const subject = name.slice("mmlu_".length, -".csv".length);
            const csv = readFileSync(resolve(evals, "responses", name), "utf8");
            return convertRouteLlmCsv(csv, {
              dataset: "mmlu",
              category: subject,
              contaminated,
              exclude,
              idPrefix: `mmlu/${subject}/`,
            });
          });
const text = `${records.map((record) => JSON.stringify(record)).join("\n")}\n`;
writeFileSync(resolve(out), out.endsWith(".gz") ? gzipSync(text) : text);
console.log(`wrote ${records.length} records to ${out}`);
