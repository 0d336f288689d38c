"use client";
/** /spend: where the money went over a window, by key, model, tag or user, with a CSV download. */
import { keepPreviousData } from "@tanstack/react-query";
import { Suspense, useState } from "react";
import { ErrorNote } from "@/components/error-note";
import { Loading } from "@/components/loading";
import { SelectField } from "@/components/select-field";
import { cardClass, secondaryButtonClass, wrapAnywhereClass } from "@/components/styles";
import { TableHead } from "@/components/table-head";
import { useEndpointQuery } from "@/lib/api-client";
import { downloadCsv } from "@/lib/csv";
import { formatCount, formatUsd } from "../overview/format";
import type { TeamView } from "../teams/contract";
import { TeamGate } from "../teams/team-gate";
import { getSpend, type SpendGroup, spendGroupSchema } from "./contract";
import { spendCsv } from "./spend-csv";

const groupLabels: Record<SpendGroup, string> = {
  key: "API key",
  model: "Model",
  tag: "Tag",
  user: "User",
};
const ranges = { "24h": "Last 24 hours", "7d": "Last 7 days", "30d": "Last 30 days" } as const;

function SpendView({ team }: { team: TeamView }) {
  const [by, setBy] = useState<SpendGroup>("key");
  const [range, setRange] = useState<keyof typeof ranges>("30d");
  const spend = useEndpointQuery(
    getSpend,
    { params: { teamId: team.id }, query: { by, range } },
    { placeholderData: keepPreviousData },
  );
  const data = spend.data;
  return (
    <section className={cardClass} aria-labelledby="spend-title">
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <h2 id="spend-title" className="mr-auto text-base font-semibold">
          Spend by {groupLabels[by].toLowerCase()}
        </h2>
        <SelectField
          id="spend-by"
          label="Group by"
          value={by}
          onChange={(e) => setBy(spendGroupSchema.parse(e.target.value))}
        >
          {spendGroupSchema.options.map((group) => (
            <option key={group} value={group}>
              {groupLabels[group]}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="spend-range"
          label="Window"
          value={range}
          onChange={(e) => setRange(e.target.value as keyof typeof ranges)}
        >
          {Object.entries(ranges).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <button
          type="button"
          className={secondaryButtonClass}
          disabled={!data}
          onClick={() =>
            data && downloadCsv(`spend-by-${by}-${range}.csv`, spendCsv(by, data.rows))
          }
        >
          Download CSV
        </button>
      </div>
      {spend.isPending ? <Loading label="Loading spend…" /> : null}
      <ErrorNote error={spend.error} onRetry={() => void spend.refetch()} />
      {data ? (
        <>
          <p className="mb-3 text-sm text-slate-600" data-testid="spend-total">
            {formatCount(data.total.requests)} requests, {formatUsd(data.total.costUsd)} spent
            (against {formatUsd(data.total.baselineCostUsd)} on the baseline model).
            {by === "tag" || by === "user"
              ? " A request counts once in each of its tags; requests without one are not listed."
              : ""}
          </p>
          <div className="relative overflow-x-auto">
            <table className="w-full min-w-[36rem] text-left text-sm" data-testid="spend-table">
              <TableHead
                className="text-slate-500"
                columns={[
                  groupLabels[by],
                  "Requests",
                  "Errors",
                  "Tokens in · out",
                  "Spend",
                  "Baseline",
                ]}
              />
              <tbody>
                {data.rows.map((row) => (
                  <tr key={row.group} className="border-t border-slate-100" data-testid="spend-row">
                    <td className={`py-2 pr-3 font-mono text-xs ${wrapAnywhereClass}`}>
                      {row.label}
                    </td>
                    <td className="py-2 pr-3">{formatCount(row.requests)}</td>
                    <td className="py-2 pr-3">{formatCount(row.errors)}</td>
                    <td className="py-2 pr-3">
                      {formatCount(row.inputTokens)} · {formatCount(row.outputTokens)}
                    </td>
                    <td className="py-2 pr-3 font-medium">{formatUsd(row.costUsd)}</td>
                    <td className="py-2 text-slate-500">{formatUsd(row.baselineCostUsd)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.rows.length === 0 ? (
            <p className="mt-3 text-sm text-slate-500">Nothing spent in this window.</p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

export function SpendPage() {
  return (
    <Suspense fallback={<Loading label="Loading…" />}>
      <TeamGate>{(team) => <SpendView key={team.id} team={team} />}</TeamGate>
    </Suspense>
  );
}
