"use client";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatMsTick, niceTicks } from "./chart-scale";
import { axisTick, gridProps, legendStyle, tooltipProps } from "./chart-theme";
import { formatMs } from "./format";
import type { LatencyPoint } from "./prepare";

const LINES = [
  { key: "p50", name: "Latency p50", color: "#4f46e5", dash: undefined },
  { key: "p95", name: "Latency p95", color: "#818cf8", dash: undefined },
  { key: "ttftP50", name: "TTFT p50", color: "#0891b2", dash: "4 3" },
  { key: "ttftP95", name: "TTFT p95", color: "#22d3ee", dash: "4 3" },
] as const;

type LineKey = (typeof LINES)[number]["key"];

/**
 * Whether the point at `index` has no neighbour with a value: a line cannot show it, so it gets
 * a dot (every other point is only part of its line).
 */
export function isolatedPoint(
  points: readonly LatencyPoint[],
  key: LineKey,
  index: number,
): boolean {
  if (points[index]?.[key] == null) return false;
  const before = points.slice(0, index).some((point) => point[key] != null);
  const after = points.slice(index + 1).some((point) => point[key] != null);
  return !before && !after;
}

/** The highest percentile plotted (the y axis runs to the round value above it). */
export function latencyMax(points: readonly LatencyPoint[]): number {
  let max = 0;
  for (const point of points) {
    for (const line of LINES) max = Math.max(max, point[line.key] ?? 0);
  }
  return max;
}

/**
 * Latency and time-to-first-token percentiles per bucket, as lines: drawn across buckets without
 * requests (they have no latency), a dot only under the pointer. Renders prepared data only.
 */
export function LatencyChart({ points }: { points: LatencyPoint[] }) {
  const ticks = niceTicks(latencyMax(points));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid {...gridProps} vertical={false} />
        <XAxis dataKey="label" tick={axisTick} minTickGap={24} stroke="currentColor" />
        <YAxis
          tick={axisTick}
          stroke="currentColor"
          ticks={ticks}
          domain={[0, ticks[ticks.length - 1] ?? 1]}
          tickFormatter={(value: number) => formatMsTick(value)}
          width={64}
        />
        <Tooltip
          {...tooltipProps}
          formatter={(value) => formatMs(value === null ? null : Number(value))}
        />
        <Legend wrapperStyle={legendStyle} />
        {LINES.map((line) => (
          <Line
            key={line.key}
            type="monotone"
            dataKey={line.key}
            name={line.name}
            stroke={line.color}
            strokeDasharray={line.dash}
            dot={(props: { cx?: number; cy?: number; index?: number }) =>
              props.index !== undefined && isolatedPoint(points, line.key, props.index) ? (
                <circle
                  key={`${line.key}-${props.index}`}
                  className="latency-single-point"
                  cx={props.cx}
                  cy={props.cy}
                  r={3}
                  fill={line.color}
                />
              ) : (
                <g key={`${line.key}-${props.index}`} />
              )
            }
            activeDot={{ r: 3 }}
            connectNulls
            strokeWidth={2}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
