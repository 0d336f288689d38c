/**
 * pnpm bench:router [--data DIR] [--requests N]
 * Decision time per request (µs, p50/p99) for: rules only, the classifier, rules then the
 * classifier, a full policy (rules, classifier, cascade, fallbacks, weights, capability gates), on
 * a mix of real prompts from the eval files, and the learned strategy over three models (an
 * artefact fitted at start-up on synthetic grades of 600 of those prompts; and its cold start).
 * Prints figures; asserts nothing.
 */
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import type { ModelInfo } from "@switchyard/core";
import {
  type CompiledPolicy,
  compilePolicy,
  fitLearnedRouter,
  outcomeOf,
  type RoutingRequest,
} from "@switchyard/router";
import { parseOutcomeLines } from "@switchyard/router-lab";

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? (args[index + 1] ?? fallback) : fallback;
};
const dataDir = resolve(flag("data", resolve(import.meta.dirname, "../../shared/eval")));
const requestCount = Number(flag("requests", "4000"));

function model(
  name: string,
  price: number,
  capabilities: ModelInfo["capabilities"],
  contextWindow: number,
): ModelInfo {
  return {
    id: name,
    name,
    aliases: [],
    providerKind: "mock",
    providerConnectionId: "bench",
    upstreamName: name,
    baseUrl: "http://bench.invalid",
    apiKey: null,
    settings: {},
    inputPricePerMillion: price,
    outputPricePerMillion: price * 4,
    contextWindow,
    maxOutputTokens: null,
    capabilities,
    teamId: null,
    enabled: true,
  };
}
const models = [
  model("small", 0.1, ["tools", "json", "streaming"], 32_000),
  model("large", 5, ["tools", "json", "json_schema", "vision", "streaming"], 128_000),
  model("large-eu", 5, ["tools", "json", "json_schema", "vision", "streaming"], 128_000),
];

/** The learned row's three candidates (the other rows keep the two-model catalogue). */
const learnedModels = [
  ...models,
  model("medium", 1, ["tools", "json", "json_schema", "vision", "streaming"], 128_000),
];

const rules = [
  { name: "long-docs", when: { promptTokens: { min: 6000 } }, target: { model: "large" } },
  {
    name: "code",
    when: { any: [{ task: ["code"] }, { regex: "```|\\bdef |function\\s*\\(" }] },
    target: { model: "large" },
  },
  {
    name: "legal",
    when: { keywords: ["contract", "lawsuit", "plaintiff", "statute"] },
    target: { model: "large" },
  },
  {
    name: "vip",
    when: { all: [{ teamId: ["team-vip"] }, { not: { turns: { max: 1 } } }] },
    target: { model: "large" },
  },
  { name: "greeting", when: { promptChars: { max: 20 } }, target: { model: "small" } },
];
const base = { version: 1, defaultModel: "small", baselineModel: "large" };
const policies: Record<string, unknown> = {
  "rules only": { ...base, rules },
  classifier: {
    ...base,
    otherwise: "classifier",
    classifier: { cheap: "small", strong: "large", threshold: 0.5 },
  },
  "rules + classifier": {
    ...base,
    rules,
    otherwise: "classifier",
    classifier: { cheap: "small", strong: "large", threshold: 0.5 },
  },
  "full policy": {
    ...base,
    rules: rules.map((rule) =>
      rule.name === "legal" ? { ...rule, target: { strategy: "cascade" } } : rule,
    ),
    otherwise: "classifier",
    classifier: { cheap: "small", strong: "large", threshold: 0.5 },
    cascade: { cheap: "small", strong: "large", threshold: 0.6 },
    fallbacks: { large: ["large-eu", "small"], small: ["large"] },
    weights: {
      large: [
        { model: "large", weight: 3 },
        { model: "large-eu", weight: 1 },
      ],
    },
  },
};

const prompts = ["gsm8k-dev.jsonl.gz", "mmlupro-dev.jsonl.gz"].flatMap((name) =>
  parseOutcomeLines(gunzipSync(readFileSync(resolve(dataDir, name))).toString("utf8")).map(
    (r) => r.messages,
  ),
);
// A deterministic mix: every k-th prompt, with some tool, image and JSON-schema requests.
const step = Math.max(1, Math.floor(prompts.length / requestCount));
const requests: RoutingRequest[] = [];
for (let i = 0; requests.length < requestCount && i < prompts.length; i += step) {
  const messages = prompts[i] ?? [];
  const chars = messages.reduce(
    (n, m) => n + (typeof m.content === "string" ? m.content.length : 0),
    0,
  );
  requests.push({
    messages,
    hasImages: i % 17 === 0,
    tools: i % 11 === 0 ? [{ type: "function" }] : undefined,
    responseFormat: i % 13 === 0 ? { type: "json_schema" } : undefined,
    requestedModel: "switchyard/auto",
    keyId: "key",
    teamId: i % 5 === 0 ? "team-vip" : "team",
    estimatedInputTokens: Math.ceil(chars / 4),
    tags: [`category:${i % 7}`],
  });
}

// A learned artefact over three candidates: synthetic grades (the cheap model fails on longer
// prompts and two of the categories), fitted on 600 of the prompts.
const grade = (request: RoutingRequest, i: number) => {
  const long = request.estimatedInputTokens > 120;
  return {
    small: { quality: long || i % 7 < 2 ? 0 : 1 },
    medium: { quality: long && i % 3 === 0 ? 0 : 1 },
    large: { quality: 1 },
  };
};
const learnedArtefact = fitLearnedRouter(
  requests.slice(0, 600).map((request, i) => outcomeOf(request, grade(request, i))),
  { models: ["small", "medium", "large"], seed: 1, heldOutPercent: 0 },
);
const learnedBody = {
  ...base,
  otherwise: { strategy: "learned", models: ["small", "medium", "large"], minQuality: 0.95 },
};

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** Per-call times over 5 rounds; also each round's p99, since other tenants' load lands in the tail. */
function measure(policy: CompiledPolicy): {
  p50: number;
  p99: number;
  bestRoundP99: number;
  mean: number;
} {
  for (let round = 0; round < 3; round++) for (const request of requests) policy.decide(request);
  const times: number[] = [];
  const roundP99: number[] = [];
  for (let round = 0; round < 5; round++) {
    const roundTimes: number[] = [];
    for (const request of requests) {
      const start = process.hrtime.bigint();
      policy.decide(request);
      roundTimes.push(Number(process.hrtime.bigint() - start) / 1000);
    }
    times.push(...roundTimes);
    roundP99.push(
      percentile(
        roundTimes.sort((a, b) => a - b),
        0.99,
      ),
    );
  }
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    bestRoundP99: Math.min(...roundP99),
    mean: times.reduce((a, b) => a + b, 0) / times.length,
  };
}

console.log(
  `router decision time, ${requests.length} real prompts from ${dataDir} × 5 rounds (after warm-up)`,
);
console.log(
  `load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")} on ${availableParallelism()} cores`,
);
console.log(
  `${"policy".padEnd(22)}${"p50 µs".padEnd(10)}${"p99 µs".padEnd(10)}${"best-round p99".padEnd(16)}mean µs`,
);
let seed = 1;
const random = () => {
  seed = (seed * 16807) % 2147483647;
  return seed / 2147483647;
};
const compiled: [string, CompiledPolicy][] = [
  ...Object.entries(policies).map(
    ([name, body]) => [name, compilePolicy(body, { models, random })] as [string, CompiledPolicy],
  ),
  [
    "learned (3 models)",
    compilePolicy(learnedBody, {
      models: learnedModels,
      random,
      learnedRouter: () => learnedArtefact,
    }),
  ],
  ["learned, cold start", compilePolicy(learnedBody, { models: learnedModels, random })],
];
for (const [name, policy] of compiled) {
  const result = measure(policy);
  console.log(
    name.padEnd(22) +
      result.p50.toFixed(2).padEnd(10) +
      result.p99.toFixed(2).padEnd(10) +
      result.bestRoundP99.toFixed(2).padEnd(16) +
      result.mean.toFixed(2),
  );
}
