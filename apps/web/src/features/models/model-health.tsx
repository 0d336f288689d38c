"use client";
/** Per-model health over the last 24 hours, from the hourly rollups. */
import { QueryState } from "@/components/query-state";
import { TableHead } from "@/components/table-head";
import { useEndpointQuery } from "@/lib/api-client";
import { modelsHealth } from "./contract";

const ms = (value: number | null) => (value === null ? "—" : `${value.toLocaleString("en-US")} ms`);

export function ModelHealthTable({ teamId }: { teamId: string }) {
  const health = useEndpointQuery(modelsHealth, { params: { teamId } });
  const rows = health.data?.models ?? [];
  return (
    <QueryState
      query={health}
      loadingLabel="Loading model health…"
      isEmpty={rows.length === 0}
      empty={
        <p className="text-sm text-slate-500">No requests from this team in the last 24 hours.</p>
      }
    >
      <div className="relative overflow-x-auto">
        <table className="w-full text-left text-sm">
          <TableHead
            className="text-slate-500"
            columns={["Model", "Requests", "Error rate", "p50 latency", "p95 latency"]}
          />
          <tbody>
            {rows.map((row) => (
              <tr key={row.model} className="border-t border-slate-100" data-testid="health-row">
                <td className="py-2 pr-3 font-mono">{row.model}</td>
                <td className="py-2 pr-3">{row.requests.toLocaleString("en-US")}</td>
                <td className={`py-2 pr-3 ${row.errorRate >= 0.05 ? "text-red-700" : ""}`}>
                  {(row.errorRate * 100).toFixed(1)}% ({row.errors})
                </td>
                <td className="py-2 pr-3">{ms(row.p50LatencyMs)}</td>
                <td className="py-2">{ms(row.p95LatencyMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-1 text-xs text-slate-500">
          Latency percentiles are estimated from the hourly latency histograms.
        </p>
      </div>
    </QueryState>
  );
}
