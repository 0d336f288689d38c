"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { Suspense, useState } from "react";
import { EmptyState } from "@/components/empty-state";
import { ErrorNote } from "@/components/error-note";
import { FilterSelect } from "@/components/filter-field";
import { Loading } from "@/components/loading";
import { secondaryButtonClass } from "@/components/styles";
import { type ApiError, callEndpoint, endpointKey, useEndpointQuery } from "@/lib/api-client";
import { roleRank } from "@/lib/contract";
import { formatDate } from "@/lib/format-date";
import type { TeamView } from "../teams/contract";
import { TeamGate } from "../teams/team-gate";
import { type AuditEntryView, auditFacets, listAudit } from "./contract";

const PAGE_SIZE = 25;

function Json({ label, value }: { label: string; value: unknown }) {
  if (value === null || value === undefined) return null;
  return (
    <div className="min-w-0 flex-1">
      <p className="text-xs font-medium text-slate-500">{label}</p>
      <pre className="mt-1 overflow-x-auto rounded-md bg-slate-50 p-2 font-mono text-xs">
        {JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

function Entry({ entry }: { entry: AuditEntryView }) {
  return (
    <li data-testid="audit-entry" className="px-4 py-3">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
        <span className="font-mono text-xs font-semibold">{entry.action}</span>
        <span className="text-slate-700">
          {entry.actor ? (entry.actor.name ?? entry.actor.email) : "deleted user"}
        </span>
        <span className="text-xs text-slate-500" data-testid="audit-target">
          {targetTypeLabel(entry.targetType)}{" "}
          {entry.targetName ? (
            <span className="font-medium text-slate-700" title={entry.targetId ?? undefined}>
              {entry.targetName}
            </span>
          ) : entry.targetId ? (
            <span className="font-mono">{entry.targetId}</span>
          ) : null}
        </span>
        <time className="ml-auto text-xs text-slate-500" dateTime={entry.createdAt}>
          {formatDate(entry.createdAt)}
        </time>
      </div>
      {entry.before !== null || entry.after !== null ? (
        <details className="mt-2">
          <summary className="cursor-pointer text-xs text-indigo-700">Before / after</summary>
          <div className="mt-2 flex flex-col gap-2 sm:flex-row">
            <Json label="Before" value={entry.before} />
            <Json label="After" value={entry.after} />
          </div>
        </details>
      ) : null}
    </li>
  );
}

/** "api_key" → "API key", "routing_policy" → "routing policy". */
function targetTypeLabel(type: string): string {
  return type === "api_key" ? "API key" : type.replaceAll("_", " ");
}

interface AuditFilters {
  action?: string;
  actorId?: string;
  targetType?: string;
}

function AuditFiltersBar({
  teamId,
  filters,
  onChange,
}: {
  teamId: string;
  filters: AuditFilters;
  onChange(filters: AuditFilters): void;
}) {
  const facets = useEndpointQuery(auditFacets, { params: { teamId } });
  const set = (name: keyof AuditFilters, value: string) =>
    onChange({ ...filters, [name]: value || undefined });
  return (
    <div className="flex flex-wrap items-end gap-3" data-testid="audit-filters">
      <FilterSelect
        label="Action"
        value={filters.action ?? ""}
        onChange={(e) => set("action", e.target.value)}
      >
        <option value="">Any</option>
        {(facets.data?.actions ?? []).map((action) => (
          <option key={action} value={action}>
            {action}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect
        label="Actor"
        value={filters.actorId ?? ""}
        onChange={(e) => set("actorId", e.target.value)}
      >
        <option value="">Anyone</option>
        {(facets.data?.actors ?? []).map((actor) => (
          <option key={actor.id} value={actor.id}>
            {actor.name ? `${actor.name} (${actor.email})` : actor.email}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect
        label="Target"
        value={filters.targetType ?? ""}
        onChange={(e) => set("targetType", e.target.value)}
      >
        <option value="">Any</option>
        {(facets.data?.targetTypes ?? []).map((type) => (
          <option key={type} value={type}>
            {targetTypeLabel(type)}
          </option>
        ))}
      </FilterSelect>
    </div>
  );
}

function AuditList({ team }: { team: TeamView }) {
  const [filters, setFilters] = useState<AuditFilters>({});
  const isAdmin = roleRank[team.role] >= roleRank.admin;
  return (
    <div className="space-y-4">
      {isAdmin ? (
        <AuditFiltersBar teamId={team.id} filters={filters} onChange={setFilters} />
      ) : null}
      <AuditEntries team={team} filters={filters} />
    </div>
  );
}

function AuditEntries({ team, filters }: { team: TeamView; filters: AuditFilters }) {
  const input = { params: { teamId: team.id }, query: { ...filters, limit: PAGE_SIZE } };
  const audit = useInfiniteQuery<
    Awaited<ReturnType<typeof callEndpoint<typeof listAudit>>>,
    ApiError
  >({
    queryKey: endpointKey(listAudit, input),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      callEndpoint(listAudit, {
        params: input.params,
        query: { ...input.query, cursor: pageParam as string | undefined },
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: roleRank[team.role] >= roleRank.admin,
  });
  if (roleRank[team.role] < roleRank.admin) {
    return (
      <EmptyState title="Admins only">
        <p>The audit log of {team.name} is visible to its admins and owners.</p>
      </EmptyState>
    );
  }
  if (audit.isLoading) return <Loading label="Loading the audit log…" />;
  if (audit.error) return <ErrorNote error={audit.error} onRetry={() => void audit.refetch()} />;
  const entries = audit.data?.pages.flatMap((page) => page.entries) ?? [];
  if (entries.length === 0 && Object.values(filters).some(Boolean)) {
    return (
      <EmptyState title="No matching entries">
        <p>Nothing in the log matches these filters.</p>
      </EmptyState>
    );
  }
  if (entries.length === 0) {
    return (
      <EmptyState title="Nothing recorded yet">
        <p>Every change to keys, members, invites, policies, budgets and settings appears here.</p>
      </EmptyState>
    );
  }
  return (
    <div className="space-y-3">
      <ol className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
        {entries.map((entry) => (
          <Entry key={entry.id} entry={entry} />
        ))}
      </ol>
      {audit.hasNextPage ? (
        <button
          type="button"
          className={secondaryButtonClass}
          disabled={audit.isFetchingNextPage}
          onClick={() => void audit.fetchNextPage()}
        >
          {audit.isFetchingNextPage ? "Loading…" : "Older entries"}
        </button>
      ) : (
        <p className="text-xs text-slate-500">That is the whole log.</p>
      )}
    </div>
  );
}

export function AuditPage() {
  return (
    <Suspense fallback={<Loading label="Loading…" />}>
      <TeamGate>{(team) => <AuditList key={team.id} team={team} />}</TeamGate>
    </Suspense>
  );
}
