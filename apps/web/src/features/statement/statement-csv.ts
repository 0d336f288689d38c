/** A statement as one CSV: a line per total, group and budget, a `section` column naming which. */
import { toCsv } from "@/lib/csv";
import type { Statement } from "./contract";

type Figures = Statement["total"];

const HEADER = [
  "section",
  "id",
  "name",
  "requests",
  "errors",
  "input_tokens",
  "output_tokens",
  "cost_usd",
  "baseline_cost_usd",
  "limit_usd",
  "used_percent",
] as const;

const figures = (row: Figures) => [
  row.requests,
  row.errors,
  row.inputTokens,
  row.outputTokens,
  row.costUsd,
  row.baselineCostUsd,
];

export function statementCsv(statement: Statement): string {
  const groups = [
    ["key", statement.byKey],
    ["model", statement.byModel],
    ["tag", statement.byTag],
    ["user", statement.byUser],
  ] as const;
  return toCsv(HEADER, [
    ["total", statement.month, statement.team.name, ...figures(statement.total), "", ""],
    ...groups.flatMap(([section, rows]) =>
      rows.map((row) => [section, row.group, row.label, ...figures(row), "", ""]),
    ),
    ...statement.budgets.map((budget) => [
      "budget",
      budget.id,
      budget.keyName ?? "team",
      "",
      "",
      "",
      "",
      budget.spentUsd,
      "",
      budget.limitUsd,
      budget.usedPercent ?? "",
    ]),
  ]);
}
