/**
 * pnpm bench:fit [--data DIR] [--sizes 1000,4000,10000]
 * What training a learned router costs the process that serves requests: for each number of
 * outcomes (real prompts from the eval files, synthetic grades over three candidates, the gateway's
 * training settings: 20% held out), the fit's wall time and the longest the event loop went without
 * a turn while it ran (a 1 ms interval timer measures the gaps), once as a single synchronous fit
 * and once sliced (fitLearnedRouterAsync, 10 ms slices, what the gateway's training runs).
 * Prints figures; asserts nothing.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import {
  fitLearnedRouter,
  fitLearnedRouterAsync,
  type Outcome,
  outcomeOf,
  promptOf,
} from "@switchyard/router";
import { parseOutcomeLines } from "@switchyard/router-lab";

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? (args[index + 1] ?? fallback) : fallback;
};
const dataDir = resolve(flag("data", resolve(import.meta.dirname, "../../shared/eval")));
const sizes = flag("sizes", "1000,4000,10000").split(",").map(Number);

const records = ["mmlupro-dev.jsonl.gz", "gsm8k-dev.jsonl.gz"].flatMap((name) =>
  parseOutcomeLines(gunzipSync(readFileSync(resolve(dataDir, name))).toString("utf8")),
);
const models = ["small", "medium", "large"];

function outcomesOf(count: number): Outcome[] {
  return Array.from({ length: count }, (_, i) => {
    const record = records[i % records.length] as (typeof records)[number];
    const { text } = promptOf(record.messages);
    const long = text.length > 600;
    const category = record.category ?? record.dataset ?? "none";
    return outcomeOf(
      {
        messages: record.messages,
        hasImages: false,
        requestedModel: "switchyard/auto",
        keyId: "bench",
        teamId: "bench",
        estimatedInputTokens: Math.ceil(text.length / 4),
        tags: [`category:${category}`],
      },
      {
        small: { quality: long || category.length % 3 === 0 ? 0 : 1 },
        medium: { quality: long && i % 3 === 0 ? 0 : 1 },
        large: { quality: 1 },
      },
    );
  });
}

/** Runs `fit` while a 1 ms timer notes the longest gap between its ticks. */
async function measure(fit: () => unknown): Promise<{ ms: number; stallMs: number }> {
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 1);
  await new Promise((resolve) => setTimeout(resolve, 20));
  stall = 0;
  last = performance.now();
  const started = performance.now();
  await fit();
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 5));
  clearInterval(timer);
  return { ms, stallMs: Math.max(stall, performance.now() - last - 5) };
}

const f0 = (x: number) => x.toFixed(0).padStart(8);
console.log(`learned-router fit, 3 candidates, real prompts from ${dataDir} (held-out 20%)`);
console.log(
  `${"outcomes".padEnd(10)}${"sync ms".padStart(8)}${"stall".padStart(8)}${"sliced ms".padStart(11)}${"stall".padStart(8)}   stall sliced / sync`,
);
for (const size of sizes) {
  const outcomes = outcomesOf(size);
  const options = { models, seed: 1 };
  fitLearnedRouter(outcomes.slice(0, 200), options); // warm-up
  const sync = await measure(() => fitLearnedRouter(outcomes, options));
  const sliced = await measure(() => fitLearnedRouterAsync(outcomes, options, 10));
  console.log(
    `${String(size).padEnd(10)}${f0(sync.ms)}${f0(sync.stallMs)}${f0(sliced.ms).padStart(11)}${f0(sliced.stallMs)}   ${(sliced.stallMs / sync.stallMs).toFixed(3)}`,
  );
}
