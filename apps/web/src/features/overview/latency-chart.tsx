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
import { formatMs } from "./format";
import type { LatencyPoint } from "./prepare";

const LINES = [
  { key: "p50", name: "Latency p50", color: "#4f46e5", dash: undefined },
  { key: "p95", name: "Latency p95", color: "#a5b4fc", dash: undefined },
  { key: "ttftP50", name: "TTFT p50", color: "#0891b2", dash: "4 3" },
  { key: "ttftP95", name: "TTFT p95", color: "#67e8f9", dash: "4 3" },
] as const;

/** Latency and time-to-first-token percentiles per bucket. Renders prepared data only. */
export function LatencyChart({ points }: { points: LatencyPoint[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={24} />
        <YAxis
          tick={{ fontSize: 11 }}
          tickFormatter={(value: number) => formatMs(value)}
          width={64}
        />
        <Tooltip formatter={(value) => formatMs(value === null ? null : Number(value))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {LINES.map((line) => (
          <Line
            key={line.key}
            dataKey={line.key}
            name={line.name}
            stroke={line.color}
            strokeDasharray={line.dash}
            dot={{ r: 2 }}
            strokeWidth={2}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
