"use client";
import { useEffect, useRef, useState } from "react";
import { FilterInput, FilterSelect } from "@/components/filter-field";
import { fromLocalInput, toLocalInput } from "@/lib/local-datetime";
import type { ApiKeyView } from "../keys/contract";
import { KeyOptions } from "../keys/key-options";
import type { LogFilterName, LogFilters } from "./use-log-filters";

/** How long typing pauses before a text filter applies. */
export const FILTER_DEBOUNCE_MS = 300;

/**
 * Filters for the request log. Selects and dates apply at once; text fields apply as you type
 * (after a short pause), and at once on Enter or when they lose focus.
 */
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
  const [tag, setTag] = useState(filters.tag ?? "");
  const text = { model: model.trim(), reason: reason.trim(), tag: tag.trim() };
  const applied = useRef(filters);
  applied.current = filters;
  const latest = useRef({ text, onChange });
  latest.current = { text, onChange };
  const applyText = () => {
    const current = latest.current.text;
    const now = applied.current;
    // Only what the user typed: a filter changed elsewhere (the URL, Back) is not undone.
    if (
      current.model === (now.model ?? "") &&
      current.reason === (now.reason ?? "") &&
      current.tag === (now.tag ?? "")
    )
      return;
    latest.current.onChange({
      model: current.model || undefined,
      reason: current.reason || undefined,
      tag: current.tag || undefined,
    });
  };
  const typed = `${text.model}\n${text.reason}\n${text.tag}`;
  const firstRender = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the typed text changes
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const timer = setTimeout(applyText, FILTER_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      data-testid="log-filters"
      onSubmit={(event) => {
        event.preventDefault();
        applyText();
      }}
    >
      <FilterSelect
        label="Key"
        value={filters.key ?? ""}
        onChange={(event) => onChange({ key: event.target.value || undefined })}
      >
        <KeyOptions keys={keys} />
      </FilterSelect>
      <FilterSelect
        label="Status"
        value={filters.status ?? ""}
        onChange={(event) => onChange({ status: event.target.value || undefined })}
      >
        <option value="">Any</option>
        <option value="ok">ok</option>
        <option value="error">error</option>
        <option value="client_closed">client closed</option>
        <option value="blocked">blocked</option>
      </FilterSelect>
      <FilterInput
        label="Model"
        className="w-40"
        value={model}
        placeholder="e.g. gpt-5-mini"
        onChange={(event) => setModel(event.target.value)}
        onBlur={applyText}
      />
      <FilterInput
        label="Route reason"
        className="w-40"
        value={reason}
        placeholder="classifier, rule:code…"
        onChange={(event) => setReason(event.target.value)}
        onBlur={applyText}
      />
      <FilterInput
        label="Tag"
        className="w-40"
        value={tag}
        placeholder="task:summarise, user:…"
        onChange={(event) => setTag(event.target.value)}
        onBlur={applyText}
      />
      <FilterInput
        label="From"
        type="datetime-local"
        value={toLocalInput(filters.from)}
        onChange={(event) => onChange({ from: fromLocalInput(event.target.value) })}
      />
      <FilterInput
        label="To"
        type="datetime-local"
        value={toLocalInput(filters.to)}
        onChange={(event) => onChange({ to: fromLocalInput(event.target.value) })}
      />
      <button type="submit" className="sr-only">
        Apply filters
      </button>
    </form>
  );
}
