"use client";
import { useState } from "react";
import { FilterInput, FilterSelect } from "@/components/filter-field";
import { fromLocalInput, toLocalInput } from "@/lib/local-datetime";
import { KeyOptions } from "../keys/key-options";
import type { OverviewResponse, RangeName } from "../usage/contract";
import type { OverviewFilters } from "./use-overview-filters";

const RANGES: Array<{ value: RangeName; label: string }> = [
  { value: "24h", label: "24 h" },
  { value: "7d", label: "7 d" },
  { value: "30d", label: "30 d" },
  { value: "custom", label: "Custom" },
];

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
              className={`px-3 py-1.5 text-sm ${active ? "bg-indigo-600 text-on-accent" : "text-slate-700 hover:bg-slate-50"}`}
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
          <FilterInput
            label="From"
            type="datetime-local"
            value={from}
            onChange={(event) => setFrom(event.target.value)}
            required
          />
          <FilterInput
            label="To"
            type="datetime-local"
            value={to}
            onChange={(event) => setTo(event.target.value)}
            required
          />
          <button
            type="submit"
            className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm text-on-accent"
          >
            Apply
          </button>
        </form>
      ) : null}
      <FilterSelect
        label="Key"
        value={filters.keyId ?? ""}
        onChange={(event) => onChange({ keyId: event.target.value || undefined })}
        aria-label="Filter by key"
      >
        <KeyOptions keys={options?.keys ?? []} />
      </FilterSelect>
      <FilterSelect
        label="Model"
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
      </FilterSelect>
    </div>
  );
}
