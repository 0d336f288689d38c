import { type ModelInfo, picosToUsdString, usageCost } from "@switchyard/core";

export interface CostFigures {
  costUsd: string;
  baselineCostUsd: string;
}

const priceOf = (model: ModelInfo) => ({
  inputPerMillion: model.inputPricePerMillion,
  outputPerMillion: model.outputPricePerMillion,
});

/** Cost of tokens on a model in exact pico-dollars. */
export const modelCostPicos = (
  model: ModelInfo,
  inputTokens: number,
  outputTokens: number,
): number => usageCost(priceOf(model), inputTokens, outputTokens);

/**
 * Cost of the tokens on the model that served them, and of the same tokens on the baseline
 * (reference) model, as exact decimal USD strings. No baseline model: baseline = actual cost.
 */
export function computeCost(
  served: ModelInfo | null,
  baseline: ModelInfo | null,
  inputTokens: number,
  outputTokens: number,
): CostFigures {
  const cost = served === null ? 0 : usageCost(priceOf(served), inputTokens, outputTokens);
  const baselineCost =
    baseline === null ? cost : usageCost(priceOf(baseline), inputTokens, outputTokens);
  return { costUsd: picosToUsdString(cost), baselineCostUsd: picosToUsdString(baselineCost) };
}
