import type { ChatCompletionRequest, ModelInfo } from "@switchyard/core";
import { allCatalogModels } from "../catalog";

/**
 * Reasoning effort (`reasoning_effort` on chat completions, `reasoning.effort` on the Responses
 * API) goes only to models that take it: the model is marked `reasoning`, or the catalog marks
 * its provider's model of that upstream name (or catalog name, e.g. an undated alias) so. Other models get the request without it (and
 * the gateway says so in a header note).
 */

let catalogReasoning: Set<string> | null = null;
const catalogKey = (kind: string, upstreamName: string) => `${kind}\u0000${upstreamName}`;

function inCatalog(model: ModelInfo): boolean {
  catalogReasoning ??= new Set(
    allCatalogModels()
      .filter((entry) => entry.capabilities.includes("reasoning"))
      .flatMap((entry) => [
        catalogKey(entry.kind, entry.upstreamName),
        catalogKey(entry.kind, entry.name),
      ]),
  );
  return catalogReasoning.has(catalogKey(model.providerKind, model.upstreamName));
}

/** Whether a model takes a reasoning effort. */
export const takesReasoning = (model: ModelInfo): boolean =>
  model.capabilities.includes("reasoning") || inCatalog(model);

/** The effort a request asks for, or null when it asks for none. */
export function requestedEffort(request: ChatCompletionRequest): string | null {
  const effort = request.reasoning_effort;
  return typeof effort === "string" && effort !== "" ? effort : null;
}

/**
 * Thinking budgets (tokens) for the models that take a budget instead of an effort (Anthropic's
 * extended thinking, Gemini's thinkingBudget). "none"/"minimal" ask for no thinking.
 */
export const THINKING_BUDGETS: Readonly<Record<string, number>> = {
  low: 1024,
  medium: 4096,
  high: 16384,
  xhigh: 32768,
};

/** The request as sent to a model that does not take a reasoning effort. */
export function withoutReasoning(request: ChatCompletionRequest): ChatCompletionRequest {
  if (request.reasoning_effort === undefined) return request;
  const { reasoning_effort: _dropped, ...rest } = request;
  return rest;
}
