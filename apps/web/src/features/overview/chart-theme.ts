/**
 * Chart styling readable in light and dark mode: axis text and grid lines take the text colour
 * of ChartCard's plot area (currentColor), tooltips the page's CSS variables (globals.css).
 */
import type { CSSProperties } from "react";

export const axisTick = { fontSize: 11, fill: "currentColor" } as const;
export const gridProps = { stroke: "currentColor", strokeOpacity: 0.2, strokeDasharray: "3 3" };
export const legendStyle: CSSProperties = { fontSize: 12 };
export const tooltipProps = {
  contentStyle: {
    background: "var(--chart-tooltip-bg)",
    borderColor: "var(--chart-tooltip-border)",
    color: "var(--chart-tooltip-text)",
    fontSize: 12,
  } satisfies CSSProperties,
  labelStyle: { color: "var(--chart-tooltip-text)" } satisfies CSSProperties,
  cursor: { fill: "currentColor", fillOpacity: 0.08 },
};
