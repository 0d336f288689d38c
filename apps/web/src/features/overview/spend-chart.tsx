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
import { formatUsdTick, niceStep, niceTicks } from "./chart-scale";
import { axisTick, gridProps, legendStyle, tooltipProps } from "./chart-theme";
import { formatUsd } from "./format";
import type { SpendChartData } from "./prepare";

/** The tallest stack of the chart (its y axis runs to the round value above it). */
export function spendMax(data: SpendChartData): number {
  let max = 0;
  for (const row of data.rows) {
    const total = data.models.reduce((sum, model) => sum + Number(row[model] ?? 0), 0);
    max = Math.max(max, total);
  }
  return max;
}

/** Spend per time bucket, stacked by model, one legend entry per model. Renders prepared data only. */
export function SpendChart({
  data,
  colorOf = modelColors(data.models),
}: {
  data: SpendChartData;
  /** The view's colour per model (the same in every chart). */
  colorOf?: (model: string) => string;
}) {
  const max = spendMax(data);
  const ticks = niceTicks(max);
  const step = niceStep(max);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data.rows} margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid {...gridProps} vertical={false} />
        <XAxis dataKey="label" tick={axisTick} minTickGap={24} stroke="currentColor" />
        <YAxis
          tick={axisTick}
          stroke="currentColor"
          ticks={ticks}
          domain={[0, ticks[ticks.length - 1] ?? 1]}
          tickFormatter={(value: number) => formatUsdTick(value, step)}
          width={72}
        />
        <Tooltip {...tooltipProps} formatter={(value) => formatUsd(Number(value))} />
        <Legend wrapperStyle={legendStyle} />
        {data.models.map((model) => (
          <Bar
            key={model}
            dataKey={model}
            name={model}
            stackId="spend"
            fill={colorOf(model)}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
