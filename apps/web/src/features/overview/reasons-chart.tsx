"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount } from "./format";

/** Requests per route reason, horizontal bars. Renders prepared data only. */
export function ReasonsChart({
  bars,
}: {
  bars: Array<{ reason: string; requests: number; errors: number }>;
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e2e8f0" />
        <XAxis
          type="number"
          tick={{ fontSize: 11 }}
          tickFormatter={(value: number) => formatCount(value)}
        />
        <YAxis type="category" dataKey="reason" tick={{ fontSize: 11 }} width={150} />
        <Tooltip formatter={(value) => formatCount(Number(value))} />
        <Bar dataKey="requests" name="Requests" fill="#4f46e5" isAnimationActive={false} />
        <Bar dataKey="errors" name="Errors" fill="#dc2626" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
