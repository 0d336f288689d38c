"use client";
import { Cell, Legend, Pie, PieChart, ResponsiveContainer, Tooltip } from "recharts";
import { modelColors } from "./chart-colors";
import { legendStyle, tooltipProps } from "./chart-theme";
import type { MixSlice } from "./prepare";

/** Share of requests per routed model. Renders prepared data only. */
export function RoutingMixChart({
  slices,
  colorOf = modelColors(slices.map((slice) => slice.model)),
}: {
  slices: MixSlice[];
  /** The view's colour per model (the same in every chart). */
  colorOf?: (model: string) => string;
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <PieChart>
        <Pie
          data={slices}
          dataKey="requests"
          nameKey="model"
          innerRadius="50%"
          outerRadius="80%"
          stroke="var(--chart-slice-border)"
          isAnimationActive={false}
        >
          {slices.map((slice) => (
            <Cell key={slice.model} fill={colorOf(slice.model)} />
          ))}
        </Pie>
        <Tooltip
          {...tooltipProps}
          formatter={(value, _name, item) =>
            `${Number(value).toLocaleString("en-US")} (${(item.payload as MixSlice).share}%)`
          }
        />
        <Legend wrapperStyle={legendStyle} />
      </PieChart>
    </ResponsiveContainer>
  );
}
