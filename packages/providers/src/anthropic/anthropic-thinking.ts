import type { AnthropicMessagesRequest, ChatCompletionRequest, ModelInfo } from "@switchyard/core";
import { requestedEffort, THINKING_BUDGETS, takesReasoning } from "../shared/reasoning";

/** Anthropic's smallest thinking budget. */
export const MIN_THINKING_BUDGET = 1024;

/**
 * Why a reasoning effort cannot become extended thinking for this request (null when it can, or
 * when none was asked). Anthropic refuses thinking with forced tool use, and needs the earlier
 * turns' thinking blocks beside their tool calls, which an OpenAI-shaped history does not carry.
 */
export function anthropicThinkingConflict(
  request: ChatCompletionRequest,
  outputLimit: number,
): string | null {
  const effort = requestedEffort(request);
  if (effort === null || THINKING_BUDGETS[effort] === undefined) return null;
  const choice = request.tool_choice;
  if (choice === "required" || (typeof choice === "object" && choice.type === "function"))
    return "Anthropic does not think with a forced tool choice";
  if (
    request.messages.some((message) => message.role === "assistant" && message.tool_calls?.length)
  )
    return "Anthropic needs thinking blocks beside earlier tool calls";
  if (outputLimit <= MIN_THINKING_BUDGET)
    return `the output limit (${outputLimit}) leaves no room for thinking`;
  return null;
}

/**
 * A reasoning effort as extended thinking (`thinking: { type: "enabled", budget_tokens }`, the
 * budget under max_tokens), for models that take it. Thinking allows no temperature or top_k and
 * top_p only from 0.95, so those are removed. "none" and "minimal" ask for no thinking.
 */
export function applyThinking(
  model: ModelInfo,
  request: ChatCompletionRequest,
  body: AnthropicMessagesRequest,
): void {
  const effort = requestedEffort(request);
  if (effort === null || !takesReasoning(model)) return;
  const budget = THINKING_BUDGETS[effort];
  if (budget === undefined) return;
  if (anthropicThinkingConflict(request, body.max_tokens) !== null) return;
  body.thinking = {
    type: "enabled",
    budget_tokens: Math.max(MIN_THINKING_BUDGET, Math.min(budget, body.max_tokens - 1)),
  };
  delete body.temperature;
  delete body.top_k;
  if (body.top_p !== undefined && body.top_p < 0.95) delete body.top_p;
}
