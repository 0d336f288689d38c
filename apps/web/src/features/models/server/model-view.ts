/** A model row as the management API shows it. */
import type { DbModels } from "@switchyard/db";
import type { ModelView } from "../contract";

type PriceRow = DbModels.ModelPriceModel;
type Row = DbModels.ModelModel & {
  connection: { name: string; kind: string; teamId: string | null };
  /** Its price versions (absent: not loaded, none shown). */
  prices?: PriceRow[];
};
export const modelInclude = {
  connection: { select: { name: true, kind: true, teamId: true } },
  prices: { orderBy: { effectiveFrom: "asc" as const } },
};

const decimal = (value: { toString(): string } | null) =>
  value === null ? null : value.toString();

const priceView = (row: PriceRow) => ({
  effectiveFrom: row.effectiveFrom.toISOString(),
  inputPricePerMillion: decimal(row.inputPricePerMillion),
  outputPricePerMillion: decimal(row.outputPricePerMillion),
  cachedInputPricePerMillion: decimal(row.cachedInputPricePerMillion),
  cacheWrite5mPricePerMillion: decimal(row.cacheWrite5mPricePerMillion),
  cacheWrite1hPricePerMillion: decimal(row.cacheWrite1hPricePerMillion),
  reasoningPricePerMillion: decimal(row.reasoningPricePerMillion),
});

/**
 * The model as the API shows it, at `now`: the price in effect (the latest version that has
 * taken effect, else the model's own fields, as the gateway charges), and the scheduled ones.
 */
export function modelView(row: Row, now: Date = new Date()): ModelView {
  const versions = row.prices ?? [];
  const passed = versions.filter((version) => version.effectiveFrom <= now);
  const current = passed.at(-1);
  const prices =
    current === undefined
      ? {
          inputPricePerMillion: row.inputPricePerMillion.toString(),
          outputPricePerMillion: row.outputPricePerMillion.toString(),
          cachedInputPricePerMillion: decimal(row.cachedInputPricePerMillion),
          cacheWrite5mPricePerMillion: decimal(row.cacheWrite5mPricePerMillion),
          cacheWrite1hPricePerMillion: decimal(row.cacheWrite1hPricePerMillion),
          reasoningPricePerMillion: decimal(row.reasoningPricePerMillion),
          unpriced: row.unpriced,
        }
      : {
          ...priceView(current),
          inputPricePerMillion: decimal(current.inputPricePerMillion) ?? "0",
          outputPricePerMillion: decimal(current.outputPricePerMillion) ?? "0",
          unpriced: current.inputPricePerMillion === null || current.outputPricePerMillion === null,
        };
  return {
    id: row.id,
    name: row.name,
    aliases: row.aliases,
    upstreamName: row.upstreamName,
    connectionId: row.connectionId,
    connectionName: row.connection.name,
    providerKind: row.connection.kind,
    shared: row.teamId === null,
    inputPricePerMillion: prices.inputPricePerMillion,
    outputPricePerMillion: prices.outputPricePerMillion,
    cachedInputPricePerMillion: prices.cachedInputPricePerMillion,
    cacheWrite5mPricePerMillion: prices.cacheWrite5mPricePerMillion,
    cacheWrite1hPricePerMillion: prices.cacheWrite1hPricePerMillion,
    reasoningPricePerMillion: prices.reasoningPricePerMillion,
    unpriced: prices.unpriced,
    scheduledPrices: versions.filter((version) => version.effectiveFrom > now).map(priceView),
    priceOverridden: row.priceOverridden,
    contextWindow: row.contextWindow,
    maxOutputTokens: row.maxOutputTokens,
    capabilities: row.capabilities,
    enabled: row.enabled,
  };
}
