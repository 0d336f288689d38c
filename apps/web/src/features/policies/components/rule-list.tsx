"use client";
/** The rules part of the policy form: add, remove, reorder; a condition builder and a target. */
import { useId } from "react";
import { SelectField } from "@/components/select-field";
import { inputClass, labelClass, secondaryButtonClass } from "@/components/styles";
import { TextField } from "@/components/text-field";
import { type ConditionDraft, conditionKinds, conditionOf, draftOf } from "../condition-form";

export interface RuleDraft {
  name: string;
  condition: ConditionDraft;
  target: { model: string } | { strategy: "classifier" | "cascade" };
  /** Kept as the document has it (the JSON view edits it): a private rule's requests are never sampled. */
  private?: true;
}

type RawRule = { name?: unknown; when?: unknown; target?: unknown; private?: unknown };

export function ruleDrafts(rules: unknown): RuleDraft[] {
  if (!Array.isArray(rules)) return [];
  return rules.map((raw: RawRule) => ({
    name: typeof raw.name === "string" ? raw.name : "",
    condition: draftOf((raw.when ?? {}) as Parameters<typeof draftOf>[0]),
    target:
      raw.target && typeof raw.target === "object" && "strategy" in raw.target
        ? (raw.target as RuleDraft["target"])
        : { model: String((raw.target as { model?: unknown } | undefined)?.model ?? "") },
    ...(raw.private === true && { private: true as const }),
  }));
}

export const rulesOf = (drafts: RuleDraft[]) =>
  drafts.map((draft) => ({
    name: draft.name,
    when: conditionOf(draft.condition),
    target: draft.target,
    ...(draft.private === true && { private: true }),
  }));

function RuleCard({
  rule,
  index,
  count,
  models,
  disabled,
  onChange,
  onMove,
  onRemove,
}: {
  rule: RuleDraft;
  index: number;
  count: number;
  models: string[];
  disabled: boolean;
  onChange(rule: RuleDraft): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
}) {
  const id = useId();
  const kind = conditionKinds.find((k) => k.kind === rule.condition.kind);
  const setCondition = (patch: Partial<ConditionDraft>) =>
    onChange({ ...rule, condition: { ...rule.condition, ...patch } });
  const targetValue =
    "model" in rule.target ? `model:${rule.target.model}` : `strategy:${rule.target.strategy}`;
  return (
    <li className="rounded-lg border border-slate-200 p-3" data-testid="rule-card">
      <div className="flex flex-wrap items-end gap-3">
        <TextField
          id={`${id}-name`}
          label={`Rule ${index + 1} name`}
          className="min-w-40 flex-1"
          value={rule.name}
          disabled={disabled}
          onChange={(e) => onChange({ ...rule, name: e.target.value })}
        />
        <div className="flex gap-1">
          <button
            type="button"
            className={secondaryButtonClass}
            disabled={disabled || index === 0}
            onClick={() => onMove(-1)}
            aria-label={`Move rule ${index + 1} up`}
          >
            ↑
          </button>
          <button
            type="button"
            className={secondaryButtonClass}
            disabled={disabled || index === count - 1}
            onClick={() => onMove(1)}
            aria-label={`Move rule ${index + 1} down`}
          >
            ↓
          </button>
          <button
            type="button"
            className={secondaryButtonClass}
            disabled={disabled}
            onClick={onRemove}
            aria-label={`Remove rule ${index + 1}`}
          >
            Remove
          </button>
        </div>
      </div>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        <SelectField
          id={`${id}-kind`}
          label="When"
          value={rule.condition.kind}
          disabled={disabled}
          onChange={(e) =>
            setCondition({
              kind: e.target.value as ConditionDraft["kind"],
              text: "",
              min: "",
              max: "",
            })
          }
        >
          {conditionKinds.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </SelectField>
        {kind?.input === "range" ? (
          <div className="flex gap-2">
            <TextField
              id={`${id}-min`}
              label="At least"
              className="flex-1"
              type="number"
              min={0}
              value={rule.condition.min}
              disabled={disabled}
              onChange={(e) => setCondition({ min: e.target.value })}
            />
            <TextField
              id={`${id}-max`}
              label="At most"
              className="flex-1"
              type="number"
              min={0}
              value={rule.condition.max}
              disabled={disabled}
              onChange={(e) => setCondition({ max: e.target.value })}
            />
          </div>
        ) : kind?.input === "json" ? (
          <div className="sm:col-span-2">
            <label htmlFor={`${id}-json`} className={labelClass}>
              Condition (JSON)
            </label>
            <textarea
              id={`${id}-json`}
              rows={4}
              className={`${inputClass} font-mono`}
              value={rule.condition.text}
              disabled={disabled}
              onChange={(e) => setCondition({ text: e.target.value })}
            />
          </div>
        ) : (
          <TextField
            id={`${id}-value`}
            label={kind?.input === "list" ? "Values (comma-separated)" : "Value"}
            value={rule.condition.text}
            disabled={disabled}
            onChange={(e) => setCondition({ text: e.target.value })}
          />
        )}
        <SelectField
          id={`${id}-target`}
          label="Then route to"
          value={targetValue}
          disabled={disabled}
          onChange={(e) => {
            const [type, value = ""] = e.target.value.split(/:(.*)/s);
            onChange({
              ...rule,
              target:
                type === "strategy"
                  ? { strategy: value as "classifier" | "cascade" }
                  : { model: value },
            });
          }}
        >
          {"model" in rule.target && !models.includes(rule.target.model) ? (
            <option value={targetValue}>{rule.target.model || "(choose a model)"}</option>
          ) : null}
          {models.map((model) => (
            <option key={model} value={`model:${model}`}>
              Model: {model}
            </option>
          ))}
          <option value="strategy:classifier">Strategy: classifier</option>
          <option value="strategy:cascade">Strategy: cascade</option>
        </SelectField>
      </div>
    </li>
  );
}

export function RuleList({
  rules,
  models,
  disabled,
  onChange,
}: {
  rules: RuleDraft[];
  models: string[];
  disabled: boolean;
  onChange(rules: RuleDraft[]): void;
}) {
  const replace = (index: number, rule: RuleDraft) =>
    onChange(rules.map((r, i) => (i === index ? rule : r)));
  const move = (index: number, delta: -1 | 1) => {
    const next = [...rules];
    const [rule] = next.splice(index, 1);
    if (rule) next.splice(index + delta, 0, rule);
    onChange(next);
  };
  return (
    <fieldset>
      <legend className="text-sm font-semibold text-slate-800">Rules (first match wins)</legend>
      {rules.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No rules: every request goes to "otherwise".</p>
      ) : null}
      <ol className="mt-2 space-y-3">
        {rules.map((rule, index) => (
          <RuleCard
            // biome-ignore lint/suspicious/noArrayIndexKey: rules have no stable id; order is the identity.
            key={index}
            rule={rule}
            index={index}
            count={rules.length}
            models={models}
            disabled={disabled}
            onChange={(r) => replace(index, r)}
            onMove={(delta) => move(index, delta)}
            onRemove={() => onChange(rules.filter((_, i) => i !== index))}
          />
        ))}
      </ol>
      <button
        type="button"
        className={`${secondaryButtonClass} mt-3`}
        disabled={disabled}
        onClick={() =>
          onChange([
            ...rules,
            {
              name: `rule-${rules.length + 1}`,
              condition: { kind: "keywords", text: "", min: "", max: "" },
              target: { model: models[0] ?? "" },
            },
          ])
        }
      >
        Add rule
      </button>
    </fieldset>
  );
}
