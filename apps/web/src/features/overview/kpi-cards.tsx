import type { OverviewResponse } from "../usage/contract";
import { formatCount, formatMs, formatPercent, formatUsd } from "./format";
import { errorRate } from "./prepare";

function Card({
  label,
  value,
  detail,
  testId,
}: {
  label: string;
  value: string;
  detail?: string;
  testId: string;
}) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId}>
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value}</p>
      {detail ? <p className="mt-0.5 text-xs text-slate-500">{detail}</p> : null}
    </div>
  );
}

/** Headline figures for the selected range. */
export function KpiCards({ totals }: { totals: OverviewResponse["totals"] }) {
  const savings = Number(totals.savingsUsd);
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-5">
      <Card
        testId="kpi-requests"
        label="Requests"
        value={formatCount(totals.requests)}
        detail={`${formatCount(totals.inputTokens)} in · ${formatCount(totals.outputTokens)} out tokens`}
      />
      <Card
        testId="kpi-spend"
        label="Spend"
        value={formatUsd(totals.costUsd)}
        detail={`Baseline ${formatUsd(totals.baselineCostUsd)}`}
      />
      <Card
        testId="kpi-savings"
        label="Savings vs premium baseline"
        value={formatUsd(totals.savingsUsd)}
        detail={
          totals.savingsPercent === null
            ? "No baseline cost yet"
            : `${formatPercent(totals.savingsPercent)} ${savings >= 0 ? "saved" : "over baseline"}`
        }
      />
      <Card
        testId="kpi-errors"
        label="Error rate"
        value={formatPercent(errorRate(totals))}
        detail={`${formatCount(totals.errors)} errors`}
      />
      <Card
        testId="kpi-latency"
        label="Latency p50 / p95"
        value={`${formatMs(totals.latencyP50Ms)} / ${formatMs(totals.latencyP95Ms)}`}
        detail={`TTFT ${formatMs(totals.ttftP50Ms)} / ${formatMs(totals.ttftP95Ms)}`}
      />
    </div>
  );
}
