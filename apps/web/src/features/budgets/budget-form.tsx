"use client";
/** Create or edit a budget. The webhook secret comes back once and is shown once. */
import { useId, useState } from "react";
import { fieldError, useFieldErrors } from "@/components/field-error";
import { SelectField } from "@/components/select-field";
import { secondaryButtonClass } from "@/components/styles";
import { SubmitButton } from "@/components/submit-button";
import { TextField } from "@/components/text-field";
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
  const fields = useFieldErrors(error);

  return (
    <form
      className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3"
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
          update.submit({
            params: { teamId, budgetId: budget.id },
            body: { ...common, rotateWebhookSecret: rotate || undefined },
          });
        } else {
          create.submit({ params: { teamId }, body: { ...common, apiKeyId: apiKeyId || null } });
        }
      }}
    >
      {budget ? null : (
        <SelectField
          id={`${id}-scope`}
          label="Applies to"
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
        </SelectField>
      )}
      <TextField
        id={`${id}-limit`}
        label="Limit (USD)"
        inputMode="decimal"
        value={limitUsd}
        required
        onChange={(e) => {
          setLimitUsd(e.target.value);
          fields.changed("limitUsd");
        }}
        error={fields.errorFor("limitUsd")}
      />
      <SelectField
        id={`${id}-period`}
        label="Period"
        value={period}
        onChange={(e) => setPeriod(e.target.value as BudgetView["period"])}
      >
        <option value="day">Day</option>
        <option value="week">Week (from Monday)</option>
        <option value="month">Month</option>
        <option value="lifetime">Lifetime</option>
      </SelectField>
      <TextField
        id={`${id}-thresholds`}
        label="Alert at (% of the limit)"
        value={thresholds}
        onChange={(e) => {
          setThresholds(e.target.value);
          setLocalError(null);
        }}
      />
      <SelectField
        id={`${id}-action`}
        label="When exhausted"
        value={action}
        onChange={(e) => setAction(e.target.value as BudgetView["action"])}
      >
        <option value="block">Block requests</option>
        <option value="downgrade">Downgrade to the cheapest model</option>
      </SelectField>
      <TextField
        id={`${id}-webhook`}
        label="Alert webhook URL (optional)"
        type="url"
        value={webhookUrl}
        onChange={(e) => {
          setWebhookUrl(e.target.value);
          fields.changed("webhookUrl");
        }}
        error={fields.errorFor("webhookUrl")}
      />
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
        <SubmitButton pending={mutation.isPending} pendingLabel="Saving…">
          {budget ? "Save budget" : "Create budget"}
        </SubmitButton>
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
