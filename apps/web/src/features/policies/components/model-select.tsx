"use client";
import { useId } from "react";
import { SelectField } from "@/components/select-field";

/** A select of the team's models that also shows a value no longer among them. */
export function ModelSelect({
  label,
  value,
  models,
  disabled,
  onChange,
}: {
  label: string;
  value: string;
  models: string[];
  disabled: boolean;
  onChange(value: string): void;
}) {
  const id = useId();
  return (
    <SelectField
      id={id}
      label={label}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value)}
    >
      {!models.includes(value) ? <option value={value}>{value || "(choose)"}</option> : null}
      {models.map((model) => (
        <option key={model} value={model}>
          {model}
        </option>
      ))}
    </SelectField>
  );
}
