"use client";
import { useState } from "react";
import type { OverviewResponse, RangeName } from "../usage/contract";
import type { OverviewFilters } from "./use-overview-filters";

const RANGES: Array<{ value: RangeName; label: string }> = [
  { value: "24h", label: "24 h" },
  { value: "7d", label: "7 d" },
  { value: "30d", label: "30 d" },
  { value: "custom", label: "Custom" },
];

const selectClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200";

/** datetime-local value (local time) ↔ ISO instant. */
const toLocalInput = (iso: string | undefined) => {
  if (!iso) return "";
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : undefined);

export function OverviewFiltersBar({
  filters,
  options,
  onChange,
}: {
  filters: OverviewFilters;
  options: OverviewResponse["filters"] | undefined;
  onChange: (changes: Partial<Record<keyof OverviewFilters, string | undefined>>) => void;
}) {
  const [customOpen, setCustomOpen] = useState(filters.range === "custom");
  const [from, setFrom] = useState(toLocalInput(filters.from));
  const [to, setTo] = useState(toLocalInput(filters.to));
  return (
    <div className="flex flex-wrap items-end gap-3" data-testid="overview-filters">
      <div className="inline-flex overflow-hidden rounded-md border border-slate-300 bg-white shadow-sm">
        {RANGES.map((range) => {
          const active =
            range.value === "custom" ? customOpen : !customOpen && filters.range === range.value;
          return (
            <button
              key={range.value}
              type="button"
              aria-pressed={active}
              className={`px-3 py-1.5 text-sm ${active ? "bg-indigo-600 text-white" : "text-slate-700 hover:bg-slate-50"}`}
              onClick={() => {
                if (range.value === "custom") return setCustomOpen(true);
                setCustomOpen(false);
                onChange({ range: range.value, from: undefined, to: undefined });
              }}
            >
              {range.label}
            </button>
          );
        })}
      </div>
      {customOpen ? (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            if (from && to)
              onChange({ range: "custom", from: fromLocalInput(from), to: fromLocalInput(to) });
          }}
        >
          <label className="text-xs text-slate-600">
            From
            <input
              type="datetime-local"
              className={`${selectClass} ml-1`}
              value={from}
              onChange={(event) => setFrom(event.target.value)}
              required
            />
          </label>
          <label className="text-xs text-slate-600">
            To
            <input
              type="datetime-local"
              className={`${selectClass} ml-1`}
              value={to}
              onChange={(event) => setTo(event.target.value)}
              required
            />
          </label>
          <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm text-white">
            Apply
          </button>
        </form>
      ) : null}
      <label className="text-xs text-slate-600">
        Key
        <select
          className={`${selectClass} ml-1`}
          value={filters.keyId ?? ""}
          onChange={(event) => onChange({ keyId: event.target.value || undefined })}
          aria-label="Filter by key"
        >
          <option value="">All keys</option>
          {options?.keys.map((key) => (
            <option key={key.id} value={key.id}>
              {key.name} ({key.prefix}…)
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs text-slate-600">
        Model
        <select
          className={`${selectClass} ml-1`}
          value={filters.model ?? ""}
          onChange={(event) => onChange({ model: event.target.value || undefined })}
          aria-label="Filter by model"
        >
          <option value="">All models</option>
          {filters.model && !options?.models.includes(filters.model) ? (
            <option value={filters.model}>{filters.model}</option>
          ) : null}
          {options?.models.map((model) => (
            <option key={model} value={model}>
              {model}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
