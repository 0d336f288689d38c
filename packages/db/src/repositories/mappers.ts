/** Rows → @switchyard/core domain types. JSON columns are checked with zod on the way out. */
import { type Capability, isCapability, type PriceVersion, type TeamInfo } from "@switchyard/core";
import { z } from "zod";
import type { ModelPrice, Team } from "../generated/client";

export const toCapabilities = (values: readonly string[]): Capability[] =>
  values.filter(isCapability);

const settingsSchema = z.record(z.string(), z.unknown());

/** A settings JSON column as an object; anything else (null, arrays, scalars) becomes {}. */
export function toSettings(value: unknown): Record<string, unknown> {
  const parsed = settingsSchema.safeParse(value);
  return parsed.success ? parsed.data : {};
}

export function toTeamInfo(team: Team): TeamInfo {
  return {
    id: team.id,
    slug: team.slug,
    name: team.name,
    defaultModel: team.defaultModel,
    contentLogging: team.contentLogging,
    failMode: team.failMode,
    timeZone: team.timeZone,
    sharedConnectionsAllowed: team.sharedConnectionsAllowed,
    responseStorage: team.responseStorage,
    responseRetentionDays: team.responseRetentionDays,
  };
}

/** A nullable decimal price column as a number, or null. */
export const decimalOrNull = (value: { toNumber(): number } | null): number | null =>
  value === null ? null : value.toNumber();

/** A model_prices row as one version of the model's price history. */
export function toPriceVersion(row: ModelPrice): PriceVersion {
  return {
    effectiveFrom: row.effectiveFrom,
    inputPricePerMillion: decimalOrNull(row.inputPricePerMillion),
    outputPricePerMillion: decimalOrNull(row.outputPricePerMillion),
    cachedInputPricePerMillion: decimalOrNull(row.cachedInputPricePerMillion),
    cacheWrite5mPricePerMillion: decimalOrNull(row.cacheWrite5mPricePerMillion),
    cacheWrite1hPricePerMillion: decimalOrNull(row.cacheWrite1hPricePerMillion),
    reasoningPricePerMillion: decimalOrNull(row.reasoningPricePerMillion),
  };
}
