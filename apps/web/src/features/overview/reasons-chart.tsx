"use client";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatCountTick, niceTicks } from "./chart-scale";
import { axisTick, gridProps, legendStyle, tooltipProps } from "./chart-theme";
import { formatCount } from "./format";

/** Requests and errors per route reason, horizontal bars. Renders prepared data only. */
export function ReasonsChart({
  bars,
}: {
  bars: Array<{ reason: string; requests: number; errors: number }>;
}) {
  const ticks = niceTicks(Math.max(0, ...bars.map((bar) => bar.requests)), 4, true);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid {...gridProps} horizontal={false} />
        <XAxis
          type="number"
          tick={axisTick}
          stroke="currentColor"
          ticks={ticks}
          domain={[0, ticks[ticks.length - 1] ?? 1]}
          tickFormatter={(value: number) => formatCountTick(value)}
        />
        <YAxis type="category" dataKey="reason" tick={axisTick} stroke="currentColor" width={150} />
        <Tooltip {...tooltipProps} formatter={(value) => formatCount(Number(value))} />
        <Legend wrapperStyle={legendStyle} />
        <Bar dataKey="requests" name="Requests" fill="#4f46e5" isAnimationActive={false} />
        <Bar dataKey="errors" name="Errors" fill="#dc2626" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
