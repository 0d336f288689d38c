/** The spend table as CSV, the same numbers the page shows. */
import { toCsv } from "@/lib/csv";
import type { SpendGroup, SpendRow } from "./contract";

export const spendCsv = (by: SpendGroup, rows: readonly SpendRow[]): string =>
  toCsv(
    [
      by,
      "id",
      "requests",
      "errors",
      "input_tokens",
      "output_tokens",
      "cost_usd",
      "baseline_cost_usd",
    ],
    rows.map((row) => [
      row.label,
      row.group,
      row.requests,
      row.errors,
      row.inputTokens,
      row.outputTokens,
      row.costUsd,
      row.baselineCostUsd,
    ]),
  );
