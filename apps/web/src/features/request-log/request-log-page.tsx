"use client";
import { keepPreviousData } from "@tanstack/react-query";
import { useState } from "react";
import { EmptyState } from "@/components/empty-state";
import { ErrorNote } from "@/components/error-note";
import { Loading } from "@/components/loading";
import { secondaryButtonClass } from "@/components/styles";
import { useEndpointQuery } from "@/lib/api-client";
import { downloadCsv } from "@/lib/csv";
import { listKeys } from "../keys/contract";
import type { TeamView } from "../teams/contract";
import { TeamGate } from "../teams/team-gate";
import { listRequests } from "./contract";
import { LogFiltersBar } from "./log-filters";
import { RequestDetailPanel } from "./request-detail";
import { exportRequests, MAX_EXPORT_ROWS } from "./request-log-csv";
import { RequestTable } from "./request-table";
import { type LogFilters, useLogFilters } from "./use-log-filters";
import { useNewRequests } from "./use-new-requests";

const PAGE_SIZE = 50;

function RequestLog({ team }: { team: TeamView }) {
  const { filters, openRequest, set } = useLogFilters();
  const filterKey = JSON.stringify(filters);
  // Cursors of the pages before the current one (keyset pagination has no page numbers).
  const [trail, setTrail] = useState<{ filterKey: string; cursors: string[] }>({
    filterKey,
    cursors: [],
  });
  const cursors = trail.filterKey === filterKey ? trail.cursors : [];
  const cursor = cursors[cursors.length - 1];
  const keys = useEndpointQuery(listKeys, { params: { teamId: team.id } });
  const filterQuery = {
    keyId: filters.key,
    model: filters.model,
    status: filters.status,
    routeReason: filters.reason,
    tag: filters.tag,
    from: filters.from,
    to: filters.to,
  };
  const query = useEndpointQuery(
    listRequests,
    { params: { teamId: team.id }, query: { ...filterQuery, cursor, limit: PAGE_SIZE } },
    { placeholderData: keepPreviousData },
  );
  const showingFirstPage =
    cursors.length === 0 && query.data !== undefined && !query.isPlaceholderData;
  const fresh = useNewRequests(
    team.id,
    filterQuery,
    showingFirstPage ? (query.data?.requests ?? []) : null,
    () => setTrail({ filterKey, cursors: [] }),
  );
  const change = (changes: Partial<LogFilters>) => {
    setTrail({ filterKey: "", cursors: [] });
    set(changes);
  };
  const [exported, setExported] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const exportCsv = async () => {
    setExporting(true);
    setExported(null);
    try {
      const result = await exportRequests(team.id, filterQuery);
      downloadCsv("requests.csv", result.csv);
      setExported(
        `Exported ${result.rows.toLocaleString("en-US")} requests${result.cut ? ` (the newest ${MAX_EXPORT_ROWS.toLocaleString("en-US")}: narrow the filter for the rest)` : ""}.`,
      );
    } catch (error) {
      setExported(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setExporting(false);
    }
  };
  const requests = query.data?.requests ?? [];
  const nextCursor = query.data?.nextCursor ?? null;
  return (
    <div className="space-y-4">
      <LogFiltersBar filters={filters} keys={keys.data?.keys ?? []} onChange={change} />
      {fresh.count > 0 ? (
        <button
          type="button"
          data-testid="new-requests"
          className="w-full rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm font-medium text-indigo-700 hover:bg-indigo-100"
          onClick={fresh.load}
        >
          {fresh.count}
          {fresh.more ? "+" : ""} new request{fresh.count === 1 && !fresh.more ? "" : "s"}
        </button>
      ) : null}
      {query.isPending ? <Loading label="Loading requests…" /> : null}
      {query.error ? <ErrorNote error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data && requests.length === 0 ? (
        <EmptyState
          title={
            cursors.length || Object.keys(filters).length
              ? "No matching requests"
              : "No requests yet"
          }
        >
          <p>
            Requests appear here, newest first, once traffic flows through the gateway with one of{" "}
            {team.name}
            &apos;s keys. Prompts and completions are stored only when the team turns content
            logging on.
          </p>
        </EmptyState>
      ) : null}
      {requests.length ? (
        <RequestTable
          requests={requests}
          selected={openRequest}
          onSelect={(id) => set({ request: id })}
        />
      ) : null}
      <div className="flex items-center gap-3">
        <button
          type="button"
          className={secondaryButtonClass}
          disabled={cursors.length === 0}
          onClick={() => setTrail({ filterKey, cursors: cursors.slice(0, -1) })}
        >
          Newer
        </button>
        <button
          type="button"
          className={secondaryButtonClass}
          disabled={!nextCursor}
          onClick={() => nextCursor && setTrail({ filterKey, cursors: [...cursors, nextCursor] })}
        >
          Older
        </button>
        <button
          type="button"
          className="text-sm text-indigo-700 hover:underline"
          onClick={() => void query.refetch()}
        >
          Refresh
        </button>
        <button
          type="button"
          className={secondaryButtonClass}
          disabled={exporting}
          onClick={() => void exportCsv()}
        >
          {exporting ? "Exporting…" : "Export CSV"}
        </button>
        {exported ? (
          <span role="status" className="text-xs text-slate-600">
            {exported}
          </span>
        ) : null}
        {query.isFetching && !query.isPending ? (
          <span className="text-xs text-slate-500">Updating…</span>
        ) : null}
      </div>
      {openRequest ? (
        <RequestDetailPanel
          teamId={team.id}
          requestId={openRequest}
          onClose={() => set({ request: undefined })}
        />
      ) : null}
    </div>
  );
}

export function RequestLogPage() {
  return <TeamGate>{(team) => <RequestLog team={team} />}</TeamGate>;
}
