"use client";
import { ErrorNote } from "@/components/error-note";
import { Loading } from "@/components/loading";
/** Per-model health over the last 24 hours, from the hourly rollups. */
import { useEndpointQuery } from "@/lib/api-client";
import { modelsHealth } from "./contract";

const ms = (value: number | null) => (value === null ? "—" : `${value.toLocaleString("en-US")} ms`);

export function ModelHealthTable({ teamId }: { teamId: string }) {
  const health = useEndpointQuery(modelsHealth, { params: { teamId } });
  if (health.isLoading) return <Loading label="Loading model health…" />;
  if (health.error) return <ErrorNote error={health.error} onRetry={() => void health.refetch()} />;
  const rows = health.data?.models ?? [];
  if (rows.length === 0) {
    return (
      <p className="text-sm text-slate-500">No requests from this team in the last 24 hours.</p>
    );
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">
              Model
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Requests
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Error rate
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              p50 latency
            </th>
            <th scope="col" className="py-2 font-medium">
              p95 latency
            </th>
          </tr>
        </thead>
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
  );
}
