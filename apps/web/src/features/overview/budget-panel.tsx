import type { OverviewResponse } from "../usage/contract";
import { formatUsd } from "./format";
import { prepareBudgets } from "./prepare";

/** Spend today and this month against the team's budgets ("No budget" when it has none). */
export function BudgetPanel({ budget }: { budget: OverviewResponse["budget"] }) {
  const lines = prepareBudgets(budget);
  return (
    <section
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="budget-panel"
    >
      <div className="flex flex-wrap items-baseline gap-x-8 gap-y-2">
        <h2 className="text-sm font-semibold text-slate-800">Team spend</h2>
        <p className="text-sm text-slate-600">
          Today{" "}
          <span className="font-semibold tabular-nums text-slate-900">
            {formatUsd(budget.spentTodayUsd)}
          </span>
        </p>
        <p className="text-sm text-slate-600">
          This month{" "}
          <span className="font-semibold tabular-nums text-slate-900">
            {formatUsd(budget.spentMonthUsd)}
          </span>
        </p>
      </div>
      {lines.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500" data-testid="no-budget">
          No budget: this team&apos;s spend is not capped.
        </p>
      ) : (
        <ul className="mt-3 space-y-3">
          {lines.map((line) => (
            <li key={line.id}>
              <div className="flex justify-between text-xs text-slate-600">
                <span>{line.label}</span>
                <span className="tabular-nums">
                  {formatUsd(line.spentUsd)} of {formatUsd(line.limitUsd)} ({line.percent}%)
                </span>
              </div>
              <div
                className="mt-1 h-2 overflow-hidden rounded-full bg-slate-100"
                role="progressbar"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.min(100, line.percent)}
                aria-label={line.label}
              >
                <div
                  className={`h-full ${line.percent >= 100 ? "bg-red-500" : line.percent >= 80 ? "bg-amber-500" : "bg-indigo-500"}`}
                  style={{ width: `${Math.min(100, line.percent)}%` }}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
