"use client";
/** Create or edit a budget. The webhook secret comes back once and is shown once. */
import { useId, useState } from "react";
import { FieldError, fieldError } from "@/components/field-error";
import { buttonClass, inputClass, labelClass, secondaryButtonClass } from "@/components/styles";
import { useEndpointMutation } from "@/lib/api-client";
import type { ApiKeyView } from "../keys/contract";
import { type BudgetView, createBudget, listBudgets, updateBudget } from "./contract";
import { parseThresholds } from "./format";

export function BudgetForm({
  teamId,
  keys,
  budget,
  onDone,
  onSecret,
}: {
  teamId: string;
  keys: ApiKeyView[];
  budget?: BudgetView;
  onDone(): void;
  onSecret(secret: string): void;
}) {
  const id = useId();
  const [apiKeyId, setApiKeyId] = useState(budget?.apiKeyId ?? "");
  const [period, setPeriod] = useState<BudgetView["period"]>(budget?.period ?? "month");
  const [limitUsd, setLimitUsd] = useState(budget?.limitUsd ?? "");
  const [thresholds, setThresholds] = useState(
    (budget?.alertThresholds ?? [50, 80, 100]).join(", "),
  );
  const [action, setAction] = useState<BudgetView["action"]>(budget?.action ?? "block");
  const [webhookUrl, setWebhookUrl] = useState(budget?.webhookUrl ?? "");
  const [rotate, setRotate] = useState(false);
  const [enabled, setEnabled] = useState(budget?.enabled ?? true);
  const [localError, setLocalError] = useState<string | null>(null);
  const options = {
    invalidates: [listBudgets],
    onSuccess: (result: { webhookSecret: string | null }) => {
      if (result.webhookSecret) onSecret(result.webhookSecret);
      onDone();
    },
  };
  const create = useEndpointMutation(createBudget, options);
  const update = useEndpointMutation(updateBudget, options);
  const mutation = budget ? update : create;
  const error = mutation.error;

  return (
    <form
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3"
      aria-label={budget ? "Edit budget" : "New budget"}
      onSubmit={(e) => {
        e.preventDefault();
        const alertThresholds = parseThresholds(thresholds);
        if (alertThresholds === null) {
          setLocalError("Alert thresholds: whole percentages between 1 and 1000, comma-separated.");
          return;
        }
        setLocalError(null);
        const common = {
          period,
          limitUsd: limitUsd.trim(),
          alertThresholds,
          action,
          webhookUrl: webhookUrl.trim() || null,
          enabled,
        };
        if (budget) {
          update.mutate({
            params: { teamId, budgetId: budget.id },
            body: { ...common, rotateWebhookSecret: rotate || undefined },
          });
        } else {
          create.mutate({ params: { teamId }, body: { ...common, apiKeyId: apiKeyId || null } });
        }
      }}
    >
      {budget ? null : (
        <div>
          <label htmlFor={`${id}-scope`} className={labelClass}>
            Applies to
          </label>
          <select
            id={`${id}-scope`}
            className={inputClass}
            value={apiKeyId}
            onChange={(e) => setApiKeyId(e.target.value)}
          >
            <option value="">The whole team</option>
            {keys
              .filter((key) => key.status === "active")
              .map((key) => (
                <option key={key.id} value={key.id}>
                  Key: {key.name} ({key.prefix}…)
                </option>
              ))}
          </select>
        </div>
      )}
      <div>
        <label htmlFor={`${id}-limit`} className={labelClass}>
          Limit (USD)
        </label>
        <input
          id={`${id}-limit`}
          inputMode="decimal"
          className={inputClass}
          value={limitUsd}
          required
          aria-describedby={`${id}-limit-error`}
          onChange={(e) => setLimitUsd(e.target.value)}
        />
        <FieldError id={`${id}-limit-error`} message={fieldError(error, "limitUsd")} />
      </div>
      <div>
        <label htmlFor={`${id}-period`} className={labelClass}>
          Period
        </label>
        <select
          id={`${id}-period`}
          className={inputClass}
          value={period}
          onChange={(e) => setPeriod(e.target.value as BudgetView["period"])}
        >
          <option value="day">Day</option>
          <option value="week">Week (from Monday)</option>
          <option value="month">Month</option>
          <option value="lifetime">Lifetime</option>
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-thresholds`} className={labelClass}>
          Alert at (% of the limit)
        </label>
        <input
          id={`${id}-thresholds`}
          className={inputClass}
          value={thresholds}
          onChange={(e) => setThresholds(e.target.value)}
        />
      </div>
      <div>
        <label htmlFor={`${id}-action`} className={labelClass}>
          When exhausted
        </label>
        <select
          id={`${id}-action`}
          className={inputClass}
          value={action}
          onChange={(e) => setAction(e.target.value as BudgetView["action"])}
        >
          <option value="block">Block requests</option>
          <option value="downgrade">Downgrade to the cheapest model</option>
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-webhook`} className={labelClass}>
          Alert webhook URL (optional)
        </label>
        <input
          id={`${id}-webhook`}
          type="url"
          className={inputClass}
          value={webhookUrl}
          aria-describedby={`${id}-webhook-error`}
          onChange={(e) => setWebhookUrl(e.target.value)}
        />
        <FieldError id={`${id}-webhook-error`} message={fieldError(error, "webhookUrl")} />
      </div>
      <div className="flex flex-col justify-end gap-2 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          Enabled
        </label>
        {budget?.webhookSecretSet ? (
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={rotate} onChange={(e) => setRotate(e.target.checked)} />
            New webhook secret
          </label>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-2 sm:col-span-2 lg:col-span-3">
        <button type="submit" className={buttonClass} disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : budget ? "Save budget" : "Create budget"}
        </button>
        {budget ? (
          <button type="button" className={secondaryButtonClass} onClick={onDone}>
            Cancel
          </button>
        ) : null}
        {localError ? (
          <p role="alert" className="text-sm text-red-700">
            {localError}
          </p>
        ) : null}
        {error && !fieldError(error, "limitUsd") && !fieldError(error, "webhookUrl") ? (
          <p role="alert" className="text-sm text-red-700">
            {error.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
