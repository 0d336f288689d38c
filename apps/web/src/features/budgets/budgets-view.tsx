"use client";
/** /budgets: team and key budgets with spend this period, create / edit / delete, alert history. */
import { useState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { ErrorNote } from "@/components/error-note";
import { Loading } from "@/components/loading";
import { cardClass, secondaryButtonClass, wrapAnywhereClass } from "@/components/styles";
import { useEndpointMutation, useEndpointQuery } from "@/lib/api-client";
import { roleRank } from "@/lib/contract";
import { listKeys } from "../keys/contract";
import type { TeamView } from "../teams/contract";
import { BudgetForm } from "./budget-form";
import { type BudgetView, deleteBudget, listBudgetAlerts, listBudgets } from "./contract";
import { formatUsd, spentShare } from "./format";

function ProgressBar({ budget }: { budget: BudgetView }) {
  const share = spentShare(budget.spentUsd, budget.limitUsd);
  const pct = Math.round(share * 1000) / 10;
  const color = share >= 1 ? "bg-red-600" : share >= 0.8 ? "bg-amber-500" : "bg-indigo-600";
  return (
    <div>
      <div
        role="progressbar"
        aria-label={`Spend of ${budget.scope === "team" ? "the team" : budget.apiKeyName} budget`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(pct, 100)}
        aria-valuetext={`${formatUsd(budget.spentUsd)} of ${formatUsd(budget.limitUsd)} (${pct}%)`}
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-100"
      >
        <div className={`h-full ${color}`} style={{ width: `${Math.min(pct, 100)}%` }} />
      </div>
      <p className="mt-1 text-xs text-slate-600" data-testid="budget-spend">
        {formatUsd(budget.spentUsd)} of {formatUsd(budget.limitUsd)} ({pct}%) since{" "}
        {new Date(budget.periodStart).toLocaleString()}
        {budget.period === "lifetime" ? "" : ` (${budget.timeZone})`}
      </p>
    </div>
  );
}

function Alerts({ teamId, budgetId }: { teamId: string; budgetId: string }) {
  const alerts = useEndpointQuery(listBudgetAlerts, { params: { teamId, budgetId } });
  if (alerts.isLoading) return <Loading label="Loading alerts…" />;
  if (alerts.error) return <ErrorNote error={alerts.error} onRetry={() => void alerts.refetch()} />;
  const rows = alerts.data?.alerts ?? [];
  if (rows.length === 0) return <p className="text-xs text-slate-500">No alerts sent yet.</p>;
  return (
    <ul className="space-y-1 text-xs">
      {rows.map((alert) => (
        <li key={alert.id} data-testid="budget-alert">
          {new Date(alert.createdAt).toLocaleString()}: crossed {alert.threshold}% at{" "}
          {formatUsd(alert.spentUsd)}
          {alert.deliveredAt ? " · webhook delivered" : ""}
        </li>
      ))}
    </ul>
  );
}

function BudgetCard({
  teamId,
  budget,
  isAdmin,
  onEdit,
}: {
  teamId: string;
  budget: BudgetView;
  isAdmin: boolean;
  onEdit(): void;
}) {
  const [showAlerts, setShowAlerts] = useState(false);
  const remove = useEndpointMutation(deleteBudget, { invalidates: [listBudgets] });
  const title =
    budget.scope === "team" ? "Team budget" : `Key: ${budget.apiKeyName ?? budget.apiKeyId}`;
  return (
    <li className="rounded-lg border border-slate-200 p-3" data-testid="budget-card">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className={`min-w-0 flex-1 basis-48 ${wrapAnywhereClass}`}>
          <h3 className="text-sm font-semibold">
            {title} · {budget.period}
            {budget.enabled ? "" : " · disabled"}
          </h3>
          <p className="text-xs text-slate-500">
            {budget.action === "block" ? "Blocks" : "Downgrades"} when exhausted · alerts at{" "}
            {budget.alertThresholds.length
              ? budget.alertThresholds.map((t) => `${t}%`).join(", ")
              : "none"}
            {budget.webhookUrl
              ? ` · webhook ${budget.webhookUrl} (secret ${budget.webhookSecretSet ? "set" : "not set"})`
              : ""}
          </p>
        </div>
        <div className="flex gap-2">
          <button
            type="button"
            className={secondaryButtonClass}
            aria-expanded={showAlerts}
            onClick={() => setShowAlerts(!showAlerts)}
          >
            Alerts
          </button>
          {isAdmin ? (
            <>
              <button type="button" className={secondaryButtonClass} onClick={onEdit}>
                Edit
              </button>
              <ConfirmButton
                question={`Delete this budget (${title})?`}
                disabled={remove.isPending}
                onConfirm={() => remove.mutate({ params: { teamId, budgetId: budget.id } })}
              >
                Delete
              </ConfirmButton>
            </>
          ) : null}
        </div>
      </div>
      <div className="mt-2">
        <ProgressBar budget={budget} />
      </div>
      {remove.error ? <ErrorNote error={remove.error} /> : null}
      {showAlerts ? (
        <div className="mt-2">
          <Alerts teamId={teamId} budgetId={budget.id} />
        </div>
      ) : null}
    </li>
  );
}

export function BudgetsView({ team }: { team: TeamView }) {
  const budgets = useEndpointQuery(listBudgets, { params: { teamId: team.id } });
  const keys = useEndpointQuery(listKeys, { params: { teamId: team.id } });
  const [editing, setEditing] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const isAdmin = roleRank[team.role] >= roleRank.admin;
  const list = budgets.data?.budgets ?? [];

  return (
    <div className="space-y-6">
      {secret ? (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium">Webhook signing secret: copy it now, it is not shown again.</p>
          <code data-testid="webhook-secret" className="mt-1 block break-all font-mono">
            {secret}
          </code>
          <button type="button" className="mt-2 underline" onClick={() => setSecret(null)}>
            Done
          </button>
        </div>
      ) : null}
      <section className={cardClass} aria-labelledby="budgets-title">
        <h2 id="budgets-title" className="text-base font-semibold">
          Budgets of {team.name}
        </h2>
        <p className="mb-3 text-xs text-slate-500">
          Spend is summed from the hourly usage rollups since the start of each budget's period in
          the team's time zone ({team.timeZone}).
        </p>
        {budgets.isLoading ? <Loading label="Loading budgets…" /> : null}
        <ErrorNote error={budgets.error} onRetry={() => void budgets.refetch()} />
        {budgets.data && list.length === 0 ? (
          <p className="text-sm text-slate-500">No budgets: requests are not limited by spend.</p>
        ) : null}
        <ul className="space-y-3">
          {list.map((budget) =>
            editing === budget.id ? (
              <li key={budget.id} className="rounded-lg border border-indigo-200 p-3">
                <BudgetForm
                  teamId={team.id}
                  keys={keys.data?.keys ?? []}
                  budget={budget}
                  onDone={() => setEditing(null)}
                  onSecret={setSecret}
                />
              </li>
            ) : (
              <BudgetCard
                key={budget.id}
                teamId={team.id}
                budget={budget}
                isAdmin={isAdmin}
                onEdit={() => setEditing(budget.id)}
              />
            ),
          )}
        </ul>
      </section>
      {isAdmin ? (
        <section className={cardClass} aria-labelledby="new-budget-title">
          <h2 id="new-budget-title" className="mb-3 text-base font-semibold">
            New budget
          </h2>
          <BudgetForm
            key={formKey}
            teamId={team.id}
            keys={keys.data?.keys ?? []}
            onDone={() => setFormKey((k) => k + 1)}
            onSecret={setSecret}
          />
        </section>
      ) : null}
    </div>
  );
}
