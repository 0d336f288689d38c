/** What the gateway actually did with the policy under test, and its comparison with the offline numbers. */
import type { RecordScores } from "../../src/eval/decision-source";
import type { ModelPair, OutcomeRecord } from "../../src/eval/outcomes";
import type { PolicyPoint } from "../../src/eval/policy-replay";
import type { ReplaySummary } from "../../src/eval/replay";
import type { OutcomeRow } from "../../src/eval/summary";
import type { GatewayReply } from "./gateway-source";

export interface ValidationPoint {
  strongShare: number;
  cascadeShare: number;
  quality: number;
  /** Sum of the gateway's request-log costUsd. */
  gatewayCostUsd: number;
  /** The same calls priced from the recorded token counts × prices. */
  recordedCostUsd: number;
  /** Requests whose logged tokens differ from the recorded ones of the call(s) made. */
  tokenMismatches: number;
  /** Requests with more than one upstream attempt. */
  retried: number;
}

const verdictOf = (route: string) => /;(accepted|escalated|escalation-failed)$/.exec(route)?.[1];

export function validationPoint(
  records: readonly OutcomeRecord[],
  rows: readonly OutcomeRow[],
  pair: ModelPair,
  replies: readonly GatewayReply[],
): ValidationPoint {
  let strong = 0;
  let cascaded = 0;
  let quality = 0;
  let gatewayCost = 0;
  let recordedCost = 0;
  let mismatches = 0;
  let retried = 0;
  replies.forEach((reply, index) => {
    const record = records[index] as OutcomeRecord;
    const row = rows[index] as OutcomeRow;
    const verdict = verdictOf(reply.route);
    if (verdict) cascaded++;
    if (reply.model !== pair.cheap && reply.model !== pair.strong)
      throw new Error(`${record.id}: the gateway answered with ${reply.model}`);
    const served = record.outcomes[reply.model];
    if (!served) throw new Error(`${record.id}: no outcome for ${reply.model}`);
    if (reply.model === pair.strong) strong++;
    quality += reply.model === pair.strong ? row.strongScore : row.cheapScore;
    const calls = verdict === "escalated" ? [pair.cheap, pair.strong] : [reply.model];
    recordedCost += calls.reduce(
      (sum, name) => sum + (name === pair.strong ? row.strongCost : row.cheapCost),
      0,
    );
    gatewayCost += Number(reply.entry.costUsd);
    const sum = (field: "input_tokens" | "output_tokens") =>
      calls.reduce((total, name) => total + (record.outcomes[name]?.[field] ?? 0), 0);
    if (
      reply.entry.inputTokens !== sum("input_tokens") ||
      reply.entry.outputTokens !== sum("output_tokens")
    )
      mismatches++;
    if (reply.entry.attemptCount > calls.length) retried++;
  });
  const n = Math.max(1, replies.length);
  return {
    strongShare: strong / n,
    cascadeShare: cascaded / n,
    quality: quality / n,
    gatewayCostUsd: gatewayCost,
    recordedCostUsd: recordedCost,
    tokenMismatches: mismatches,
    retried,
  };
}

/** Largest absolute difference and the count of exactly equal values. */
export function scoreAgreement(
  a: readonly RecordScores[],
  b: readonly RecordScores[],
): { classifierMaxDiff: number; cascadeMaxDiff: number; identical: number } {
  let classifierMaxDiff = 0;
  let cascadeMaxDiff = 0;
  let identical = 0;
  a.forEach((x, i) => {
    const y = b[i] as RecordScores;
    const dc = Math.abs(x.complexity - y.complexity);
    const da = Math.abs(x.answerScore - y.answerScore);
    classifierMaxDiff = Math.max(classifierMaxDiff, dc);
    cascadeMaxDiff = Math.max(cascadeMaxDiff, da);
    if (dc === 0 && da === 0) identical++;
  });
  return { classifierMaxDiff, cascadeMaxDiff, identical };
}

const f3 = (x: number | null) => (x === null || Number.isNaN(x) ? "n/a" : x.toFixed(3));
const pct = (x: number | null) =>
  x === null || Number.isNaN(x) ? "n/a" : `${(x * 100).toFixed(1)}%`;
const usd = (x: number) => `$${x.toFixed(6)}`;

export function printGatewayComparison(input: {
  gateway: ReplaySummary;
  inProcess: ReplaySummary;
  agreement: ReturnType<typeof scoreAgreement>;
  sweptPoint: PolicyPoint;
  inProcessPoint: PolicyPoint;
  validation: ValidationPoint;
  threshold: string;
  scoring: string;
  notes: readonly string[];
}): void {
  const { gateway, inProcess, agreement, validation: v } = input;
  const lines: string[] = ["", "gateway replay vs in-process:"];
  lines.push(`gateway scoring: ${input.scoring}`);
  lines.push(`in-process scoring: ${inProcess.source}`);
  lines.push(
    `scores identical for ${agreement.identical}/${gateway.records} records; max |diff| classifier ${agreement.classifierMaxDiff.toExponential(2)}, cascade ${agreement.cascadeMaxDiff.toExponential(2)}`,
  );
  lines.push("source      strategy    APGR    CPT(50%)  CPT(80%)  saved@95%");
  for (const [label, s] of [
    ["gateway", gateway],
    ["in-process", inProcess],
  ] as const) {
    for (const name of ["classifier", "cascade"] as const) {
      const m = s.strategies[name];
      lines.push(
        `${label.padEnd(12)}${name.padEnd(12)}${f3(m.apgr).padEnd(8)}${pct(m.cpt50).padEnd(10)}${pct(m.cpt80).padEnd(10)}${pct(m.savedAt95)}`,
      );
    }
  }
  const strongCost = gateway.baselines.strongCostUsd;
  const point = (label: string, p: PolicyPoint) =>
    `${label.padEnd(36)}strong ${pct(p.strongShare).padEnd(7)} cascaded ${pct(p.cascadeShare).padEnd(7)} quality ${f3(p.quality)}  cost ${usd(p.costUsd)} (${pct(1 - p.costUsd / strongCost)} saved)`;
  lines.push(`policy at its own threshold (${input.threshold}):`);
  lines.push(point("  offline sweep, gateway scores", input.sweptPoint));
  lines.push(point("  offline sweep, in-process scores", input.inProcessPoint));
  lines.push(
    `${"  the gateway's own routing".padEnd(36)}strong ${pct(v.strongShare).padEnd(7)} cascaded ${pct(v.cascadeShare).padEnd(7)} quality ${f3(v.quality)}  cost ${usd(v.gatewayCostUsd)} (gateway accounting; ${pct(1 - v.gatewayCostUsd / strongCost)} saved), ${usd(v.recordedCostUsd)} (recorded tokens × prices)`,
  );
  lines.push(
    `  gateway vs offline sweep: Δquality ${(v.quality - input.sweptPoint.quality).toExponential(2)}, Δstrong share ${(v.strongShare - input.sweptPoint.strongShare).toExponential(2)}, Δcost ${(v.gatewayCostUsd - input.sweptPoint.costUsd).toExponential(2)} USD; logged tokens ≠ recorded on ${v.tokenMismatches} requests; retried ${v.retried}`,
  );
  for (const note of input.notes) lines.push(`note: ${note}`);
  console.log(lines.join("\n"));
}
