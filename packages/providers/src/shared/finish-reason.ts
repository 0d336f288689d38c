import type { FinishReason } from "@switchyard/core";

const known = new Set<string>(["stop", "length", "tool_calls", "content_filter", "function_call"]);

/** Normalise an OpenAI-compatible server's finish reason (some send "eos", "max_tokens"...). */
export function normalizeFinishReason(value: string | null | undefined): FinishReason | null {
  if (value === null || value === undefined) return null;
  if (known.has(value)) return value as FinishReason;
  if (value === "max_tokens" || value === "model_length") return "length";
  if (value === "tool_use" || value === "tool_call") return "tool_calls";
  return "stop";
}
