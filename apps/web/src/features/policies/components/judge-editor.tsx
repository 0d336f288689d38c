"use client";
/** A cascade's optional LLM judge: a model that grades the cheap answer 1–10, and a threshold. */
import { useId } from "react";
import { TextField } from "@/components/text-field";
import { ModelSelect } from "./model-select";

export type JudgeSpec = { model: string; threshold: number };

export function JudgeEditor({
  judge,
  models,
  disabled,
  onChange,
}: {
  judge: JudgeSpec | undefined;
  models: string[];
  disabled: boolean;
  onChange(judge: JudgeSpec | undefined): void;
}) {
  const id = useId();
  return (
    <div className="rounded-md bg-slate-50 p-3">
      <label htmlFor={id} className="flex items-center gap-2 text-sm">
        <input
          id={id}
          type="checkbox"
          checked={judge !== undefined}
          disabled={disabled}
          onChange={(e) =>
            onChange(e.target.checked ? { model: models[0] ?? "", threshold: 0.7 } : undefined)
          }
        />
        Grade the cheap answer with an LLM judge
      </label>
      <p className="mt-1 text-xs text-slate-500">
        The judge is asked for a grade from 1 to 10 (score = grade / 10); below the threshold the
        request escalates. Its call is paid and logged as an attempt; when it fails, the local
        scorer decides.
      </p>
      {judge ? (
        <div className="mt-3 grid gap-3 sm:grid-cols-2">
          <ModelSelect
            label="Judge model"
            value={judge.model}
            models={models}
            disabled={disabled}
            onChange={(model) => onChange({ ...judge, model })}
          />
          <TextField
            id={`${id}-threshold`}
            label="Judge threshold (0–1)"
            type="number"
            min={0}
            max={1}
            step={0.1}
            value={judge.threshold}
            disabled={disabled}
            onChange={(e) => onChange({ ...judge, threshold: Number(e.target.value) })}
          />
        </div>
      ) : null}
    </div>
  );
}
