/** The statement's sections: its totals, one table per breakdown, and the budgets. */
import { wrapAnywhereClass } from "@/components/styles";
import { TableHead } from "@/components/table-head";
import { formatCount, formatPercent, formatUsd } from "../overview/format";
import type { SpendRow } from "../spend/contract";
import type { Statement } from "./contract";

const section = "break-inside-avoid print:mt-6";
const figure = "rounded-lg border border-slate-200 p-3";

export function StatementTotals({ statement }: { statement: Statement }) {
  const { total } = statement;
  const items = [
    ["Spend", formatUsd(total.costUsd)],
    ["Baseline", formatUsd(total.baselineCostUsd)],
    ["Saved", formatUsd(statement.savingsUsd)],
    ["Requests", formatCount(total.requests)],
    ["Errors", formatCount(total.errors)],
    ["Tokens in · out", `${formatCount(total.inputTokens)} · ${formatCount(total.outputTokens)}`],
  ] as const;
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3" data-testid="statement-totals">
      {items.map(([label, value]) => (
        <div key={label} className={figure}>
          <dt className="text-xs text-slate-500">{label}</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid={`total-${label}`}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function BreakdownTable({
  title,
  column,
  rows,
  note,
}: {
  title: string;
  column: string;
  rows: readonly SpendRow[];
  note?: string;
}) {
  const id = `statement-${column.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section className={section} aria-labelledby={id} data-testid={id}>
      <h3 id={id} className="mb-2 text-sm font-semibold">
        {title}
      </h3>
      {note ? <p className="mb-2 text-xs text-slate-500">{note}</p> : null}
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing this month.</p>
      ) : (
        <div className="relative overflow-x-auto print:overflow-visible">
          <table className="w-full min-w-[32rem] text-left text-sm print:min-w-0">
            <TableHead
              className="text-slate-500"
              columns={[
                column,
                "Requests",
                "Tokens in · out",
                { label: "Spend", className: "py-2 pr-3 text-right font-medium" },
                { label: "Baseline", className: "py-2 text-right font-medium" },
              ]}
            />
            <tbody>
              {rows.map((row) => (
                <tr
                  key={row.group}
                  className="border-t border-slate-100"
                  data-testid="statement-row"
                >
                  <td className={`py-1.5 pr-3 font-mono text-xs ${wrapAnywhereClass}`}>
                    {row.label}
                  </td>
                  <td className="py-1.5 pr-3 tabular-nums">{formatCount(row.requests)}</td>
                  <td className="py-1.5 pr-3 tabular-nums">
                    {formatCount(row.inputTokens)} · {formatCount(row.outputTokens)}
                  </td>
                  <td className="py-1.5 pr-3 text-right font-medium tabular-nums">
                    {formatUsd(row.costUsd)}
                  </td>
                  <td className="py-1.5 text-right text-slate-500 tabular-nums">
                    {formatUsd(row.baselineCostUsd)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const periodLabel = { day: "daily", week: "weekly", month: "monthly", lifetime: "lifetime" };

export function BudgetsTable({ budgets }: { budgets: Statement["budgets"] }) {
  return (
    <section className={section} aria-labelledby="statement-budgets">
      <h3 id="statement-budgets" className="mb-2 text-sm font-semibold">
        Budgets
      </h3>
      {budgets.length === 0 ? (
        <p className="text-sm text-slate-500">The team has no budgets.</p>
      ) : (
        <div className="relative overflow-x-auto print:overflow-visible">
          <table className="w-full min-w-[32rem] text-left text-sm print:min-w-0">
            <TableHead
              className="text-slate-500"
              columns={["Budget", "Limit", "Spent this month", "Used"]}
            />
            <tbody>
              {budgets.map((budget) => (
                <tr
                  key={budget.id}
                  className="border-t border-slate-100"
                  data-testid="statement-budget"
                >
                  <td className={`py-1.5 pr-3 ${wrapAnywhereClass}`}>
                    {budget.keyName === null ? "Team" : `Key ${budget.keyName}`} ·{" "}
                    {periodLabel[budget.period]}
                    {budget.enabled ? "" : " (off)"}
                  </td>
                  <td className="py-1.5 pr-3 tabular-nums">{formatUsd(budget.limitUsd)}</td>
                  <td className="py-1.5 pr-3 tabular-nums">{formatUsd(budget.spentUsd)}</td>
                  <td className="py-1.5 tabular-nums">
                    {budget.usedPercent === null
                      ? "— (not a monthly budget)"
                      : formatPercent(budget.usedPercent)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
