"use client";
/** The form view of a policy document: models, rules, classifier, cascade and fallbacks. */
import { useId, useState } from "react";
import { SelectField } from "@/components/select-field";
import { inputClass, labelClass } from "@/components/styles";
import type { ThresholdTable } from "../contract";
import { pairPriceWarning } from "../model-price";
import { JudgeEditor, type JudgeSpec } from "./judge-editor";
import { ModelSelect } from "./model-select";
import { RuleList, ruleDrafts, rulesOf } from "./rule-list";
import { ThresholdSlider } from "./threshold-slider";

export type PolicyDocument = Record<string, unknown>;
type Pair = { cheap?: string; strong?: string; threshold?: number; judge?: JudgeSpec };

function PairSection({
  title,
  strategy,
  pair,
  models,
  prices,
  tables,
  disabled,
  onChange,
}: {
  title: string;
  strategy: "classifier" | "cascade";
  pair: Pair | undefined;
  /** Cheapest first. */
  models: string[];
  prices: ReadonlyMap<string, number>;
  tables: ThresholdTable[] | undefined;
  disabled: boolean;
  onChange(pair: Pair | undefined): void;
}) {
  const id = useId();
  const enabled = pair !== undefined;
  const warning = pair ? pairPriceWarning(pair, prices) : null;
  return (
    <fieldset className="rounded-lg border border-slate-200 p-3">
      <legend className="px-1 text-sm font-semibold text-slate-800">{title}</legend>
      <label htmlFor={id} className="flex items-center gap-2 text-sm">
        <input
          id={id}
          type="checkbox"
          checked={enabled}
          disabled={disabled}
          onChange={(e) =>
            onChange(
              e.target.checked
                ? {
                    cheap: models[0] ?? "",
                    strong: models[models.length - 1] ?? "",
                    threshold: strategy === "classifier" ? 0.5 : 0.7,
                  }
                : undefined,
            )
          }
        />
        Use the {strategy}
      </label>
      {pair ? (
        <div className="mt-3 grid gap-3 sm:grid-cols-2">
          <ModelSelect
            label="Cheap model"
            value={pair.cheap ?? ""}
            models={models}
            disabled={disabled}
            onChange={(cheap) => onChange({ ...pair, cheap })}
          />
          <ModelSelect
            label="Strong model"
            value={pair.strong ?? ""}
            models={models}
            disabled={disabled}
            onChange={(strong) => onChange({ ...pair, strong })}
          />
          {warning ? (
            <p
              className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800 sm:col-span-2"
              data-testid="pair-price-warning"
            >
              {warning}
            </p>
          ) : null}
          <div className="sm:col-span-2">
            <ThresholdSlider
              label={
                strategy === "classifier"
                  ? "Threshold (strong model when the score is at or above)"
                  : "Threshold (escalate when the answer scores below)"
              }
              strategy={strategy}
              value={pair.threshold ?? 0.5}
              tables={tables}
              disabled={disabled}
              onChange={(threshold) => onChange({ ...pair, threshold })}
            />
          </div>
          {strategy === "cascade" ? (
            <div className="sm:col-span-2">
              <JudgeEditor
                judge={pair.judge}
                models={models}
                disabled={disabled}
                onChange={(judge) => {
                  const { judge: _previous, ...rest } = pair;
                  onChange(judge === undefined ? rest : { ...rest, judge });
                }}
              />
            </div>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}

function FallbackEditor({
  fallbacks,
  models,
  disabled,
  onChange,
}: {
  fallbacks: Record<string, string[]>;
  models: string[];
  disabled: boolean;
  onChange(value: Record<string, string[]>): void;
}) {
  const id = useId();
  return (
    <fieldset className="rounded-lg border border-slate-200 p-3">
      <legend className="px-1 text-sm font-semibold text-slate-800">Fallbacks</legend>
      <p className="text-xs text-slate-500">
        For each target, the models to try next on errors, timeouts, 429s and context overflows
        (comma-separated, in order).
      </p>
      <div className="mt-2 grid gap-2 sm:grid-cols-2">
        {models.map((model) => (
          <div key={model}>
            <label htmlFor={`${id}-${model}`} className={labelClass}>
              {model}
            </label>
            <input
              id={`${id}-${model}`}
              key={(fallbacks[model] ?? []).join(",")}
              className={inputClass}
              defaultValue={(fallbacks[model] ?? []).join(", ")}
              disabled={disabled}
              onBlur={(e) => {
                const list = e.target.value
                  .split(",")
                  .map((item) => item.trim())
                  .filter(Boolean);
                const next = { ...fallbacks };
                if (list.length > 0) next[model] = list;
                else delete next[model];
                onChange(next);
              }}
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
}

export function PolicyForm({
  document,
  models,
  prices,
  tables,
  disabled,
  onChange,
}: {
  document: PolicyDocument;
  /** The team's enabled models, cheapest first: a new classifier or cascade pairs the ends. */
  models: string[];
  /** Blended price (input + output per million tokens) by model name. */
  prices: ReadonlyMap<string, number>;
  tables: ThresholdTable[] | undefined;
  disabled: boolean;
  onChange(document: PolicyDocument): void;
}) {
  const otherwiseId = useId();
  // Drafts keep what the user is typing (e.g. "code, " in a list); they are re-read from the
  // document only when it changed elsewhere (the JSON view).
  const [rulesState, setRulesState] = useState(() => ({
    source: document.rules,
    drafts: ruleDrafts(document.rules),
  }));
  let rules = rulesState.drafts;
  if (rulesState.source !== document.rules) {
    rules = ruleDrafts(document.rules);
    setRulesState({ source: document.rules, drafts: rules });
  }
  const set = (key: string, value: unknown) => {
    const next = { ...document };
    if (value === undefined) delete next[key];
    else next[key] = value;
    onChange(next);
  };
  return (
    <div className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-3">
        <ModelSelect
          label="Default model"
          value={String(document.defaultModel ?? "")}
          models={models}
          disabled={disabled}
          onChange={(value) => set("defaultModel", value)}
        />
        <ModelSelect
          label="Baseline model (for savings)"
          value={String(document.baselineModel ?? "")}
          models={models}
          disabled={disabled}
          onChange={(value) => set("baselineModel", value)}
        />
        <SelectField
          id={otherwiseId}
          label="When no rule matches"
          value={String(document.otherwise ?? "default")}
          disabled={disabled}
          onChange={(e) => set("otherwise", e.target.value)}
        >
          <option value="default">Default model</option>
          <option value="classifier">Classifier</option>
          <option value="cascade">Cascade</option>
        </SelectField>
      </div>
      <RuleList
        rules={rules}
        models={models}
        disabled={disabled}
        onChange={(drafts) => {
          const next = rulesOf(drafts);
          setRulesState({ source: next, drafts });
          set("rules", next);
        }}
      />
      <PairSection
        title="Classifier"
        strategy="classifier"
        pair={document.classifier as Pair | undefined}
        models={models}
        prices={prices}
        tables={tables}
        disabled={disabled}
        onChange={(pair) => set("classifier", pair)}
      />
      <PairSection
        title="Cascade"
        strategy="cascade"
        pair={document.cascade as Pair | undefined}
        models={models}
        prices={prices}
        tables={tables}
        disabled={disabled}
        onChange={(pair) => set("cascade", pair)}
      />
      <FallbackEditor
        fallbacks={(document.fallbacks as Record<string, string[]> | undefined) ?? {}}
        models={models}
        disabled={disabled}
        onChange={(value) => set("fallbacks", value)}
      />
    </div>
  );
}
