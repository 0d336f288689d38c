/** The spend table as CSV (RFC 4180 quoting), the same numbers the page shows. */
import type { SpendGroup, SpendRow } from "./contract";

const quote = (value: string | number) => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function spendCsv(by: SpendGroup, rows: readonly SpendRow[]): string {
  const header = [
    by,
    "id",
    "requests",
    "errors",
    "input_tokens",
    "output_tokens",
    "cost_usd",
    "baseline_cost_usd",
  ];
  const lines = rows.map((row) =>
    [
      row.label,
      row.group,
      row.requests,
      row.errors,
      row.inputTokens,
      row.outputTokens,
      row.costUsd,
      row.baselineCostUsd,
    ]
      .map(quote)
      .join(","),
  );
  return `${[header.join(","), ...lines].join("\r\n")}\r\n`;
}
