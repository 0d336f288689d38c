import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { shippedClassifier, shippedScorer } from "@switchyard/router";
import { afterAll, describe, expect, it } from "vitest";
import { inProcessSource, type RecordScores } from "../../src/eval/decision-source";
import { modelPair, parseOutcomeLines, parsePrices } from "../../src/eval/outcomes";
import { type GatewayEvalResult, repeatedPrompts, runGatewayEval } from "./gateway-eval";
import { parseScores } from "./gateway-source";

// A small synthetic outcome file: arithmetic word problems, the cheap model wrong on the longer ones.
const lines = Array.from({ length: 20 }, (_, i) => {
  const hard = i % 3 === 0;
  const question = hard
    ? `A shop sells ${i + 3} boxes of ${i + 11} pens at $${i + 2} each, then ${i} more boxes at a 15% discount. What is the total revenue, in dollars?`
    : `What is ${i} + ${i + 1}?`;
  const answer = (ok: boolean, n: number) =>
    ok ? `Adding them gives ${2 * n + 1}. The answer is ${2 * n + 1}.` : "Maybe 7? I am not sure.";
  return JSON.stringify({
    id: `synthetic/${i}`,
    messages: [{ role: "user", content: question }],
    outcomes: {
      "tiny-model": {
        score: hard ? 0 : 1,
        response: answer(!hard || i % 2 === 0, i),
        input_tokens: 20 + i,
        output_tokens: 10 + (i % 4),
      },
      "big-model": {
        score: i === 9 ? 0 : 1,
        response: answer(true, i),
        input_tokens: 20 + i,
        output_tokens: 30 + i,
      },
    },
  });
});
const dir = mkdtempSync(join(tmpdir(), "gateway-eval-"));
const dataPath = join(dir, "synthetic.jsonl");
writeFileSync(dataPath, `${lines.join("\n")}\n`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const records = parseOutcomeLines(lines.join("\n"));
const prices = parsePrices({
  "tiny-model": { input: 0.2, output: 0.6 },
  "big-model": { input: 5, output: 15 },
});
const pair = modelPair(records, prices);
const source = inProcessSource(shippedClassifier(), shippedScorer());
const inProcessScores = records.map((record) => source.score(record, pair) as RecordScores);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0.5;

const run = (policy: Record<string, unknown>, outOfFold: Map<string, RecordScores> | null) =>
  runGatewayEval({
    dataPath,
    records,
    pair,
    prices,
    policyBody: { version: 1, defaultModel: pair.cheap, baselineModel: pair.strong, ...policy },
    primary: "cascade",
    inProcessScores: outOfFold
      ? records.map((r) => outOfFold.get(r.id) as RecordScores)
      : inProcessScores,
    inProcessDescription: "in-process",
    outOfFold,
    concurrency: 4,
  });

/** The gateway's figures must equal the in-process ones, and its own routing the offline sweep. */
function expectAgreement(result: GatewayEvalResult) {
  expect(result.agreement.identical).toBe(records.length);
  for (const name of ["classifier", "cascade", "random", "oracle"] as const)
    expect(result.gateway.strategies[name]).toEqual(result.inProcess.strategies[name]);
  expect(result.gateway.apgr).toBe(result.inProcess.apgr);
  const v = result.validation;
  expect(v.strongShare).toBe(result.sweptPoint.strongShare);
  expect(v.cascadeShare).toBe(result.sweptPoint.cascadeShare);
  expect(v.quality).toBeCloseTo(result.sweptPoint.quality, 12);
  expect(v.gatewayCostUsd).toBeCloseTo(result.sweptPoint.costUsd, 9);
  expect(v.recordedCostUsd).toBeCloseTo(result.sweptPoint.costUsd, 12);
  expect(v.tokenMismatches).toBe(0);
  expect(result.sweptPoint).toEqual(result.inProcessPoint);
}

describe("pnpm eval through the gateway", () => {
  it("cascade: scores, sweep and the policy's operating point match the in-process eval", async () => {
    const threshold = median(inProcessScores.map((s) => s.answerScore));
    const result = await run(
      { otherwise: "cascade", cascade: { cheap: pair.cheap, strong: pair.strong, threshold } },
      null,
    );
    expectAgreement(result);
    // Some escalated, some accepted: both of a cascade's calls were paid when it escalated.
    expect(result.validation.cascadeShare).toBe(1);
    expect(result.validation.strongShare).toBeGreaterThan(0);
    expect(result.validation.strongShare).toBeLessThan(1);
  }, 60_000);

  it("classifier, with out-of-fold scores served to the gateway by prompt lookup", async () => {
    const oof = new Map(
      records.map((record, i) => [
        record.id,
        { complexity: ((i * 7) % 20) / 20 + 0.0123456789, answerScore: ((i * 3) % 20) / 20 },
      ]),
    );
    const result = await run(
      {
        otherwise: "classifier",
        classifier: { cheap: pair.cheap, strong: pair.strong, threshold: 0.5 },
      },
      oof,
    );
    expectAgreement(result);
    expect(result.gatewayScores[1]).toEqual(oof.get("synthetic/1"));
    expect(result.validation.cascadeShare).toBe(0);
    expect(result.validation.strongShare).toBe(0.5);
  }, 60_000);
});

describe("pnpm eval through the gateway, answers not recorded", () => {
  it("the cascade falls back on the classifier in the gateway as in-process", async () => {
    const blind = records.map((record) => ({
      ...record,
      outcomes: Object.fromEntries(
        Object.entries(record.outcomes).map(([model, o]) => [model, { ...o, response: null }]),
      ),
    }));
    const blindPath = join(dir, "blind.jsonl");
    writeFileSync(blindPath, `${blind.map((record) => JSON.stringify(record)).join("\n")}\n`);
    const blindScores = blind.map((record) => source.score(record, pair) as RecordScores);
    // No answer: the score is the classifier's, mapped by rank (higher complexity, lower score).
    const order = (values: number[]) =>
      values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
    expect(order(blindScores.map((s) => -s.answerScore))).toEqual(
      order(blindScores.map((s) => s.complexity)),
    );
    const threshold = median(blindScores.map((s) => s.answerScore));
    const result = await runGatewayEval({
      dataPath: blindPath,
      records: blind,
      pair,
      prices,
      policyBody: {
        version: 1,
        defaultModel: pair.cheap,
        baselineModel: pair.strong,
        otherwise: "cascade",
        cascade: { cheap: pair.cheap, strong: pair.strong, threshold },
      },
      primary: "cascade",
      inProcessScores: blindScores,
      inProcessDescription: "in-process",
      outOfFold: null,
      concurrency: 4,
    });
    expect(result.agreement.identical).toBe(blind.length);
    expect(result.validation.strongShare).toBeGreaterThan(0);
    expect(result.validation.strongShare).toBeLessThan(1);
  }, 60_000);
});

describe("helpers", () => {
  it("parses the scores header", () => {
    expect(parseScores("classifier=0.1234567890123;cascade=0.5")).toEqual({
      classifier: 0.1234567890123,
      cascade: 0.5,
      precall: null,
    });
    expect(parseScores("classifier=0.9;precall=0.25")).toEqual({
      classifier: 0.9,
      cascade: null,
      precall: 0.25,
    });
    expect(parseScores(null)).toEqual({ classifier: null, cascade: null, precall: null });
  });

  it("counts prompts the mock would match to an earlier record", () => {
    expect(repeatedPrompts(records)).toBe(0);
    const copy = { ...(records[0] as (typeof records)[number]), id: "copy" };
    copy.messages = [
      { role: "user", content: `  ${String(copy.messages[0]?.content).toUpperCase()}` },
    ];
    expect(repeatedPrompts([...records, copy])).toBe(1);
  });
});
