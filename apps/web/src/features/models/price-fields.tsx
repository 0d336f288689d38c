"use client";
/** The model edit form's prices: input, output, cached input, no price, and from when. */
import { useId } from "react";
import { inputClass } from "@/components/styles";
import type { PriceForm } from "./price-edit-body";

export function PriceFields({
  value,
  onChange,
}: {
  value: PriceForm;
  onChange(next: PriceForm): void;
}) {
  const id = useId();
  const field = (
    key: "input" | "output" | "cached" | "effectiveFrom",
    label: string,
    extra = {},
  ) => (
    <label htmlFor={`${id}-${key}`} className="text-sm">
      {label}
      <input
        id={`${id}-${key}`}
        className={inputClass}
        value={value[key]}
        disabled={value.unpriced && key !== "effectiveFrom"}
        onChange={(e) => onChange({ ...value, [key]: e.target.value })}
        {...extra}
      />
    </label>
  );
  return (
    <>
      {field("input", "Input $ / M tokens")}
      {field("output", "Output $ / M tokens")}
      {field("cached", "Cached input $ / M tokens", {
        placeholder: "provider default, else input",
      })}
      {field("effectiveFrom", "Price applies from (UTC date)", {
        type: "date",
        title: "Empty: at once. Requests already logged keep the cost they were charged.",
      })}
      <label className="flex items-center gap-1 text-sm">
        <input
          type="checkbox"
          checked={value.unpriced}
          onChange={(e) => onChange({ ...value, unpriced: e.target.checked })}
        />
        no known price (cost unknown; refused under a budget)
      </label>
    </>
  );
}
