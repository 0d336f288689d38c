"use client";
import { useState } from "react";
import type { ApiKeyView } from "../keys/contract";
import type { LogFilterName, LogFilters } from "./use-log-filters";

const fieldClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200";

const toLocalInput = (iso: string | undefined) => {
  if (!iso) return "";
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** Filters for the request log; text fields apply on Enter or when they lose focus. */
export function LogFiltersBar({
  filters,
  keys,
  onChange,
}: {
  filters: LogFilters;
  keys: ApiKeyView[];
  onChange: (changes: Partial<Record<LogFilterName, string | undefined>>) => void;
}) {
  const [model, setModel] = useState(filters.model ?? "");
  const [reason, setReason] = useState(filters.reason ?? "");
  const applyText = () =>
    onChange({ model: model.trim() || undefined, reason: reason.trim() || undefined });
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      data-testid="log-filters"
      onSubmit={(event) => {
        event.preventDefault();
        applyText();
      }}
    >
      <label className="text-xs text-slate-600">
        Key
        <select
          className={`${fieldClass} ml-1`}
          value={filters.key ?? ""}
          onChange={(event) => onChange({ key: event.target.value || undefined })}
        >
          <option value="">All keys</option>
          {keys.map((key) => (
            <option key={key.id} value={key.id}>
              {key.name} ({key.prefix}…)
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs text-slate-600">
        Status
        <select
          className={`${fieldClass} ml-1`}
          value={filters.status ?? ""}
          onChange={(event) => onChange({ status: event.target.value || undefined })}
        >
          <option value="">Any</option>
          <option value="ok">ok</option>
          <option value="error">error</option>
          <option value="client_closed">client closed</option>
          <option value="blocked">blocked</option>
        </select>
      </label>
      <label className="text-xs text-slate-600">
        Model
        <input
          className={`${fieldClass} ml-1 w-40`}
          value={model}
          placeholder="e.g. gpt-5-mini"
          onChange={(event) => setModel(event.target.value)}
          onBlur={applyText}
        />
      </label>
      <label className="text-xs text-slate-600">
        Route reason
        <input
          className={`${fieldClass} ml-1 w-40`}
          value={reason}
          placeholder="classifier, rule:code…"
          onChange={(event) => setReason(event.target.value)}
          onBlur={applyText}
        />
      </label>
      <label className="text-xs text-slate-600">
        From
        <input
          type="datetime-local"
          className={`${fieldClass} ml-1`}
          value={toLocalInput(filters.from)}
          onChange={(event) =>
            onChange({
              from: event.target.value ? new Date(event.target.value).toISOString() : undefined,
            })
          }
        />
      </label>
      <label className="text-xs text-slate-600">
        To
        <input
          type="datetime-local"
          className={`${fieldClass} ml-1`}
          value={toLocalInput(filters.to)}
          onChange={(event) =>
            onChange({
              to: event.target.value ? new Date(event.target.value).toISOString() : undefined,
            })
          }
        />
      </label>
      <button type="submit" className="sr-only">
        Apply filters
      </button>
    </form>
  );
}
