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
import { modelColors } from "./chart-colors";
import { formatUsd } from "./format";
import type { SpendChartData } from "./prepare";

/** Spend per time bucket, stacked by model. Renders prepared data only. */
export function SpendChart({
  data,
  colorOf = modelColors(data.models),
}: {
  data: SpendChartData;
  /** The view's colour per model (the same in every chart). */
  colorOf?: (model: string) => string;
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data.rows} margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={24} />
        <YAxis
          tick={{ fontSize: 11 }}
          tickFormatter={(value: number) => formatUsd(value)}
          width={72}
        />
        <Tooltip formatter={(value) => formatUsd(Number(value))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {data.models.map((model) => (
          <Bar
            key={model}
            dataKey={model}
            stackId="spend"
            fill={colorOf(model)}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
