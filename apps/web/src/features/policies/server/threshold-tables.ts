/**
 * The measured threshold → strong share / quality / cost tables for the threshold sliders, from
 * the weights `pnpm router:train` ships (k-fold, out-of-fold on each training file).
 */
import { shippedTradeoffTables } from "@switchyard/router";
import type { ThresholdTable } from "../contract";

/** Rounded to the precision the console shows, so the payload stays small. */
const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

let cached: ThresholdTable[] | undefined;

export function loadThresholdTables(): ThresholdTable[] {
  cached ??= shippedTradeoffTables().map((table) => ({
    dataset: table.dataset,
    strategy: table.strategy,
    rows: table.rows.map((row) => ({
      threshold: row.threshold,
      strongShare: round(row.strongShare, 4),
      quality: round(row.quality, 4),
      costVsStrong: round(row.costShare, 4),
    })),
  }));
  return cached;
}

export async function policyThresholdsHandler() {
  return { tables: loadThresholdTables() };
}
