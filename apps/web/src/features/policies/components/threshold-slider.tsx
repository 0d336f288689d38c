"use client";
/**
 * A threshold slider with the measured trade-off at the nearest threshold the router's model card
 * reports (per evaluation data set). Nothing is interpolated or invented: when the card has no
 * table, the panel says so.
 */
import { useId } from "react";
import { TableHead } from "@/components/table-head";
import type { ThresholdTable } from "../contract";

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

export function nearestRow(table: ThresholdTable, threshold: number) {
  let best = table.rows[0];
  for (const row of table.rows) {
    if (
      best === undefined ||
      Math.abs(row.threshold - threshold) < Math.abs(best.threshold - threshold)
    )
      best = row;
  }
  return best;
}

export function ThresholdSlider({
  label,
  strategy,
  value,
  tables,
  disabled,
  onChange,
}: {
  label: string;
  strategy: "classifier" | "cascade";
  value: number;
  tables: ThresholdTable[] | undefined;
  disabled: boolean;
  onChange(value: number): void;
}) {
  const id = useId();
  const relevant = (tables ?? []).filter((table) => table.strategy === strategy);
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}: <span className="font-mono">{value.toFixed(2)}</span>
      </label>
      <input
        id={id}
        type="range"
        min={0}
        max={1}
        step={0.05}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(Number(e.target.value))}
        className="mt-1 w-full accent-indigo-600"
        aria-describedby={`${id}-tradeoff`}
      />
      <div id={`${id}-tradeoff`} className="mt-2 text-xs text-slate-600" aria-live="polite">
        {tables === undefined ? (
          <p>Loading the model card's measurements…</p>
        ) : relevant.length === 0 ? (
          <p>The router's model card has no measured table for this strategy.</p>
        ) : (
          <table className="w-full text-left">
            <caption className="mb-1 text-left">
              Measured on the router's evaluation sets (k-fold), at the nearest reported threshold:
            </caption>
            <TableHead
              rowClassName="text-slate-500"
              cellClassName="pr-2 font-medium"
              lastCellClassName="font-medium"
              columns={["Data set", "Threshold", "Strong share", "Quality", "Cost vs all-strong"]}
            />
            <tbody>
              {relevant.map((table) => {
                const row = nearestRow(table, value);
                if (!row) return null;
                return (
                  <tr key={table.dataset} data-testid="threshold-tradeoff">
                    <td className="pr-2">{table.dataset}</td>
                    <td className="pr-2 font-mono">{row.threshold.toFixed(1)}</td>
                    <td className="pr-2 font-mono">{percent(row.strongShare)}</td>
                    <td className="pr-2 font-mono">{row.quality.toFixed(3)}</td>
                    <td className="font-mono">{percent(row.costVsStrong)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
