/** The eval's printed table and its SVG. */
import { curveSvg } from "../../src/eval/curve-svg";
import type { PolicyPoint } from "../../src/eval/policy-replay";
import type { ReplaySummary } from "../../src/eval/replay";

const f3 = (x: number | null) => (x === null || Number.isNaN(x) ? "n/a" : x.toFixed(3));
const pct = (x: number | null) =>
  x === null || Number.isNaN(x) ? "n/a" : `${(x * 100).toFixed(1)}%`;
const usd = (x: number) => `$${x.toFixed(4)}`;
const pad = (text: string, width: number) => text.padEnd(width);

export function printReport(
  file: string,
  summary: ReplaySummary,
  policy: PolicyPoint | null,
): void {
  const b = summary.baselines;
  const lines: string[] = [];
  lines.push(`${file}: ${summary.records} records; decisions from ${summary.source}`);
  lines.push(`primary strategy (summary.json top level): ${summary.primary}`);
  lines.push(
    `cheap  ${summary.pair.cheap}: quality ${f3(b.cheapQuality)}, cost ${usd(b.cheapCostUsd)}`,
  );
  lines.push(
    `strong ${summary.pair.strong}: quality ${f3(b.strongQuality)}, cost ${usd(b.strongCostUsd)}`,
  );
  lines.push("");
  lines.push(
    `${pad("strategy", 15)}${pad("APGR", 8)}${pad("CPT(50%)", 10)}${pad("CPT(80%)", 10)}${pad("saved@95%", 11)}saved@95% USD`,
  );
  for (const [name, s] of Object.entries(summary.strategies)) {
    lines.push(
      `${pad(name === "subjectOracle" ? "subject-oracle" : name, 15)}${pad(f3(s.apgr), 8)}${pad(pct(s.cpt50), 10)}${pad(pct(s.cpt80), 10)}${pad(pct(s.savedAt95), 11)}${s.savedAt95Usd === null ? "n/a" : usd(s.savedAt95Usd)}`,
    );
  }
  lines.push(`${pad("all-cheap", 15)}quality ${f3(b.cheapQuality)}, cost ${usd(b.cheapCostUsd)}`);
  lines.push(
    `${pad("all-strong", 15)}quality ${f3(b.strongQuality)}, cost ${usd(b.strongCostUsd)}`,
  );
  lines.push("");
  lines.push("sweep (RouteLLM 10-bin thresholds):");
  lines.push(
    `${pad("strategy", 12)}${pad("threshold", 11)}${pad("strong", 9)}${pad("quality", 9)}cost`,
  );
  for (const name of ["classifier", "cascade"] as const) {
    for (const p of summary.strategies[name].points) {
      const threshold = p.threshold;
      lines.push(
        `${pad(name, 12)}${pad(threshold.toFixed(3), 11)}${pad(pct(p.strongShare), 9)}${pad(f3(p.quality), 9)}${usd(p.costUsd)}`,
      );
    }
  }
  if (policy) {
    lines.push("");
    lines.push(
      `policy: strong ${pct(policy.strongShare)}, cascaded ${pct(policy.cascadeShare)}, quality ${f3(policy.quality)}, cost ${usd(policy.costUsd)} (${pct(1 - policy.costUsd / b.strongCostUsd)} saved vs all-strong)`,
    );
    const top = Object.entries(policy.reasons)
      .sort((a, c) => c[1] - a[1])
      .slice(0, 6);
    lines.push(`routes: ${top.map(([reason, count]) => `${reason} ×${count}`).join(", ")}`);
  }
  lines.push("(cascade thresholds are on the answer score: escalate below it)");
  console.log(lines.join("\n"));
}

export function renderCurve(
  file: string,
  summary: ReplaySummary,
  policy: PolicyPoint | null,
): string {
  const b = summary.baselines;
  const s = summary.strategies;
  return curveSvg(
    `${file}: quality vs cost (${summary.pair.cheap} → ${summary.pair.strong})`,
    [
      {
        label: `classifier (APGR ${f3(s.classifier.apgr)})`,
        color: "#1f77b4",
        points: s.classifier.densePoints,
      },
      {
        label: `cascade (APGR ${f3(s.cascade.apgr)})`,
        color: "#2ca02c",
        points: s.cascade.densePoints,
      },
      { label: "random", color: "#999999", points: s.random.densePoints, dashed: true },
      { label: "oracle", color: "#ff7f0e", points: s.oracle.densePoints, dashed: true },
    ],
    [
      { label: "all cheap", color: "#555555", costUsd: b.cheapCostUsd, quality: b.cheapQuality },
      { label: "all strong", color: "#d62728", costUsd: b.strongCostUsd, quality: b.strongQuality },
      ...(policy
        ? [{ label: "policy", color: "#9467bd", costUsd: policy.costUsd, quality: policy.quality }]
        : []),
    ],
  );
}
