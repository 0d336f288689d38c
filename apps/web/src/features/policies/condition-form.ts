/**
 * The rule form's condition builder works on one condition at a time: a kind and a value as the
 * user types it. These pure functions convert between that and the policy's condition objects.
 */
import type { Condition } from "@switchyard/router";

export const conditionKinds = [
  { kind: "promptChars", label: "Prompt length (characters)", input: "range" },
  { kind: "promptTokens", label: "Prompt tokens (estimated)", input: "range" },
  { kind: "turns", label: "User turns", input: "range" },
  { kind: "keywords", label: "Keywords (any)", input: "list" },
  { kind: "regex", label: "Regular expression", input: "text" },
  { kind: "task", label: "Declared task", input: "list" },
  { kind: "requestedModel", label: "Requested model", input: "list" },
  { kind: "requires", label: "Requires (tools, images, json, json_schema)", input: "list" },
  { kind: "exceedsContextOf", label: "Exceeds the context window of", input: "text" },
  { kind: "keyId", label: "API key id", input: "list" },
  { kind: "teamId", label: "Team id", input: "list" },
  { kind: "json", label: "Combination (all / any / not) as JSON", input: "json" },
] as const;

export type ConditionKind = (typeof conditionKinds)[number]["kind"];

export interface ConditionDraft {
  kind: ConditionKind;
  /** text / list (comma-separated) / json input. */
  text: string;
  min: string;
  max: string;
}

const rangeKinds = new Set(["promptChars", "promptTokens", "turns"]);
const listKinds = new Set(["keywords", "task", "requestedModel", "requires", "keyId", "teamId"]);

export function draftOf(condition: Condition | string): ConditionDraft {
  const empty = { text: "", min: "", max: "" };
  // JSON the user is still typing (kept as text by conditionOf).
  if (typeof condition === "string") return { kind: "json", ...empty, text: condition };
  const keys = Object.keys(condition).filter(
    (key) => key !== "regexFlags" && key !== "keywordMatch",
  );
  const key = keys[0];
  const extra = Object.keys(condition).length - keys.length;
  if (keys.length === 1 && key && extra === 0) {
    const value = (condition as Record<string, unknown>)[key];
    if (rangeKinds.has(key)) {
      const range = value as { min?: number; max?: number };
      return {
        kind: key as ConditionKind,
        ...empty,
        min: range.min === undefined ? "" : String(range.min),
        max: range.max === undefined ? "" : String(range.max),
      };
    }
    if (listKinds.has(key) && Array.isArray(value)) {
      return { kind: key as ConditionKind, ...empty, text: value.join(", ") };
    }
    if ((key === "regex" || key === "exceedsContextOf") && typeof value === "string") {
      return { kind: key, ...empty, text: value };
    }
  }
  return { kind: "json", ...empty, text: JSON.stringify(condition, null, 2) };
}

/** The condition for a draft; JSON that does not parse is kept as a string so the schema flags it. */
export function conditionOf(draft: ConditionDraft): unknown {
  if (draft.kind === "json") {
    try {
      return JSON.parse(draft.text) as unknown;
    } catch {
      return draft.text;
    }
  }
  if (rangeKinds.has(draft.kind)) {
    const range: { min?: number; max?: number } = {};
    if (draft.min.trim() !== "") range.min = Number(draft.min);
    if (draft.max.trim() !== "") range.max = Number(draft.max);
    return { [draft.kind]: range };
  }
  if (listKinds.has(draft.kind)) {
    const items = draft.text
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean);
    return { [draft.kind]: items };
  }
  return { [draft.kind]: draft.text };
}
