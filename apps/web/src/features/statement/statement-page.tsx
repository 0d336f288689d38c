"use client";
/**
 * /statement: a team's monthly statement, printable (the console's frame and the controls are
 * hidden in print), with the management API's CSV and JSON of the same numbers.
 */
import { keepPreviousData } from "@tanstack/react-query";
import { Suspense, useState } from "react";
import { ErrorNote } from "@/components/error-note";
import { Loading } from "@/components/loading";
import { cardClass, secondaryButtonClass } from "@/components/styles";
import { TextField } from "@/components/text-field";
import { useEndpointQuery } from "@/lib/api-client";
import { buildPath } from "@/lib/contract";
import type { TeamView } from "../teams/contract";
import { TeamGate } from "../teams/team-gate";
import { getStatement, monthSchema } from "./contract";
import { BreakdownTable, BudgetsTable, StatementTotals } from "./statement-tables";

const monthName = (month: string) =>
  new Date(`${month}-15T12:00:00Z`).toLocaleDateString("en-US", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });

function StatementView({ team }: { team: TeamView }) {
  /** The month asked for; empty = the server's default (the last complete month). */
  const [month, setMonth] = useState("");
  const chosen = monthSchema.safeParse(month).success ? month : undefined;
  const statement = useEndpointQuery(
    getStatement,
    { params: { teamId: team.id }, query: chosen ? { month: chosen } : {} },
    { placeholderData: keepPreviousData },
  );
  const data = statement.data;
  const link = (format: "csv" | "json") =>
    `${buildPath(getStatement.path, { teamId: team.id })}?format=${format}${data ? `&month=${data.month}` : ""}`;
  return (
    <section className={`${cardClass} print:border-0 print:p-0 print:shadow-none`}>
      <div
        className="mb-4 flex flex-wrap items-end gap-3 print:hidden"
        data-testid="statement-controls"
      >
        <TextField
          id="statement-month"
          label="Month"
          type="month"
          value={month || data?.month || ""}
          onChange={(event) => setMonth(event.target.value)}
        />
        <button type="button" className={secondaryButtonClass} onClick={() => window.print()}>
          Print
        </button>
        <a className={secondaryButtonClass} href={link("csv")} download>
          Download CSV
        </a>
        <a className={secondaryButtonClass} href={link("json")} download>
          Download JSON
        </a>
      </div>
      {statement.isPending ? <Loading label="Loading the statement…" /> : null}
      <ErrorNote error={statement.error} onRetry={() => void statement.refetch()} />
      {data ? (
        <div className="space-y-6" data-testid="statement">
          <header>
            <h2 className="text-lg font-semibold" data-testid="statement-title">
              {data.team.name}: statement for {monthName(data.month)}
            </h2>
            <p className="text-xs text-slate-500">
              {new Date(data.window.from).toLocaleString()} to{" "}
              {new Date(data.window.to).toLocaleString()} ({data.team.timeZone}).{" "}
              {data.complete ? "" : "The month is not over: these figures will still grow. "}
              Generated {new Date(data.generatedAt).toLocaleString()}.
            </p>
          </header>
          <StatementTotals statement={data} />
          <BreakdownTable title="Spend by API key" column="API key" rows={data.byKey} />
          <BreakdownTable title="Spend by model" column="Model" rows={data.byModel} />
          <BreakdownTable
            title="Spend by tag"
            column="Tag"
            rows={data.byTag}
            note="A request counts once in each of its tags; requests without one are not listed."
          />
          <BreakdownTable title="Spend by user" column="User" rows={data.byUser} />
          <BudgetsTable budgets={data.budgets} />
        </div>
      ) : null}
    </section>
  );
}

export function StatementPage() {
  return (
    <Suspense fallback={<Loading label="Loading…" />}>
      <TeamGate>{(team) => <StatementView key={team.id} team={team} />}</TeamGate>
    </Suspense>
  );
}
