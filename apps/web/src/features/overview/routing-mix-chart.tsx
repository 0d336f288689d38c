"use client";
import { Cell, Legend, Pie, PieChart, ResponsiveContainer, Tooltip } from "recharts";
import { colorAt } from "./chart-colors";
import type { MixSlice } from "./prepare";

/** Share of requests per routed model. Renders prepared data only. */
export function RoutingMixChart({ slices }: { slices: MixSlice[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <PieChart>
        <Pie
          data={slices}
          dataKey="requests"
          nameKey="model"
          innerRadius="50%"
          outerRadius="80%"
          isAnimationActive={false}
        >
          {slices.map((slice, index) => (
            <Cell key={slice.model} fill={colorAt(index)} />
          ))}
        </Pie>
        <Tooltip
          formatter={(value, _name, item) =>
            `${Number(value).toLocaleString("en-US")} (${(item.payload as MixSlice).share}%)`
          }
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
      </PieChart>
    </ResponsiveContainer>
  );
}
