import type { ReactNode } from "react";

/** A titled panel with a fixed-height plot area, so ResponsiveContainer has a size to fill. */
export function ChartCard({
  title,
  description,
  testId,
  children,
}: {
  title: string;
  description?: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <section
      data-testid={testId}
      className="min-w-0 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 className="text-sm font-semibold text-slate-800">{title}</h2>
      {description ? <p className="mt-0.5 text-xs text-slate-500">{description}</p> : null}
      {/* Axis text and grid lines are drawn in this colour (currentColor). */}
      <div className="mt-3 h-64 w-full text-slate-500">{children}</div>
    </section>
  );
}

export function NoData() {
  return (
    <div className="flex h-full items-center justify-center text-sm text-slate-400">
      No requests in this range
    </div>
  );
}
