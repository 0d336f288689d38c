"use client";
import { keepPreviousData } from "@tanstack/react-query";
import { EmptyState } from "@/components/empty-state";
import { ErrorNote } from "@/components/error-note";
import { Loading } from "@/components/loading";
import { useEndpointQuery } from "@/lib/api-client";
import { roleRank } from "@/lib/contract";
import { DemoDataBanner } from "../demo-data/demo-data-banner";
import type { TeamView } from "../teams/contract";
import { getOverview } from "../usage/contract";
import { BudgetPanel } from "./budget-panel";
import { ChartCard, NoData } from "./chart-card";
import { modelColors } from "./chart-colors";
import { KpiCards } from "./kpi-cards";
import { LatencyChart } from "./latency-chart";
import { OverviewFiltersBar } from "./overview-filters";
import {
  NO_MODEL,
  prepareLatencySeries,
  prepareReasonBars,
  prepareRoutingMix,
  prepareSpendSeries,
} from "./prepare";
import { ReasonsChart } from "./reasons-chart";
import { RoutingMixChart } from "./routing-mix-chart";
import { SpendChart } from "./spend-chart";
import { useOverviewFilters } from "./use-overview-filters";

/** The Overview page for one team: filters, headline figures, budget and the four charts. */
export function OverviewDashboard({ team, curlExample }: { team: TeamView; curlExample: string }) {
  const { filters, update } = useOverviewFilters();
  const query = useEndpointQuery(
    getOverview,
    {
      params: { teamId: team.id },
      query: {
        range: filters.range,
        from: filters.range === "custom" ? filters.from : undefined,
        to: filters.range === "custom" ? filters.to : undefined,
        keyId: filters.keyId,
        model: filters.model,
      },
    },
    { placeholderData: keepPreviousData, refetchInterval: 30_000 },
  );
  const overview = query.data;
  // One colour per model in every chart of the page.
  const colorOf = modelColors(overview?.series.map((row) => row.model || NO_MODEL) ?? []);
  return (
    <div className="space-y-6" data-testid="overview">
      <DemoDataBanner teamId={team.id} canRemove={roleRank[team.role] >= roleRank.admin} />
      <OverviewFiltersBar filters={filters} options={overview?.filters} onChange={update} />
      {query.isPending ? <Loading label="Loading usage…" /> : null}
      {query.error ? <ErrorNote error={query.error} onRetry={() => void query.refetch()} /> : null}
      {overview ? (
        <>
          <BudgetPanel budget={overview.budget} />
          <KpiCards totals={overview.totals} />
          {overview.totals.requests === 0 ? (
            <EmptyState title="No requests in this range">
              <p>
                Charts of spend, routing and latency appear once traffic flows through the gateway.
                Send a request with one of {team.name}&apos;s API keys and the model{" "}
                <code className="rounded bg-slate-100 px-1 font-mono">switchyard/auto</code>:
              </p>
              <pre className="overflow-x-auto rounded-md bg-slate-900 p-4 font-mono text-xs text-slate-100">
                {curlExample}
              </pre>
            </EmptyState>
          ) : null}
          <div
            className={`grid grid-cols-1 gap-4 lg:grid-cols-2 ${query.isFetching ? "opacity-80" : ""}`}
          >
            <ChartCard
              testId="chart-spend"
              title="Spend over time"
              description="Cost per period, stacked by routed model"
            >
              {overview.series.length ? (
                <SpendChart data={prepareSpendSeries(overview)} colorOf={colorOf} />
              ) : (
                <NoData />
              )}
            </ChartCard>
            <ChartCard
              testId="chart-reasons"
              title="Requests by route reason"
              description="Why the router chose the model"
            >
              {overview.reasons.length ? (
                <ReasonsChart bars={prepareReasonBars(overview)} />
              ) : (
                <NoData />
              )}
            </ChartCard>
            <ChartCard
              testId="chart-latency"
              title="Latency percentiles"
              description="Estimated from hourly histograms; time to first token for streamed responses"
            >
              {overview.latency.length ? (
                <LatencyChart points={prepareLatencySeries(overview)} />
              ) : (
                <NoData />
              )}
            </ChartCard>
            <ChartCard
              testId="chart-mix"
              title="Routing mix"
              description="Share of requests per routed model"
            >
              {overview.totals.requests ? (
                <RoutingMixChart slices={prepareRoutingMix(overview)} colorOf={colorOf} />
              ) : (
                <NoData />
              )}
            </ChartCard>
          </div>
        </>
      ) : null}
    </div>
  );
}
