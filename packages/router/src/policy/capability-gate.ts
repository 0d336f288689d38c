/**
 * Capability gates: a request only ever goes to a model that can serve it. When the target lacks
 * a needed capability (or its context window is too small), the next capable model in cheap→strong
 * price order takes over: first the models priced at or above the target, then any.
 */
import { type Capability, isEmbeddingModel, type ModelInfo } from "@switchyard/core";
import type { GateNote } from "./trace";

/** Input + output USD per million tokens: the order candidates and gates go by. */
export const blendedPrice = (model: ModelInfo) =>
  model.inputPricePerMillion + model.outputPricePerMillion;

function missingCapability(
  model: ModelInfo,
  needed: readonly Capability[],
  inputTokens: number,
): string | null {
  if (!model.enabled) return "disabled";
  for (const capability of needed) if (!model.capabilities.includes(capability)) return capability;
  if (inputTokens > model.contextWindow) return "context";
  return null;
}

/** Chat models sorted cheap → strong (ties by name, so the order is stable); embedding models never answer a chat. */
export function priceOrder(models: readonly ModelInfo[]): ModelInfo[] {
  return models
    .filter((model) => model.enabled && !isEmbeddingModel(model))
    .sort((a, b) => blendedPrice(a) - blendedPrice(b) || a.name.localeCompare(b.name));
}

export function gate(
  target: ModelInfo,
  ordered: readonly ModelInfo[],
  needed: readonly Capability[],
  inputTokens: number,
  notes: GateNote[],
): ModelInfo | null {
  const missing = missingCapability(target, needed, inputTokens);
  if (missing === null) return target;
  const price = blendedPrice(target);
  const capable = (model: ModelInfo) => missingCapability(model, needed, inputTokens) === null;
  const replacement =
    ordered.find(
      (model) => blendedPrice(model) >= price && model.name !== target.name && capable(model),
    ) ??
    ordered.find(capable) ??
    null;
  notes.push({ capability: missing, from: target.name, to: replacement?.name ?? "none" });
  return replacement;
}
