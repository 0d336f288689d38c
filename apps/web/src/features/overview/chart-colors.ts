/** Series colours for the overview charts. */
export const SERIES_COLORS = [
  "#4f46e5",
  "#0891b2",
  "#16a34a",
  "#d97706",
  "#db2777",
  "#7c3aed",
  "#64748b",
  "#dc2626",
];

export const colorAt = (index: number) => SERIES_COLORS[index % SERIES_COLORS.length] ?? "#64748b";

/** The colour of everything not shown on its own ("other") and of a model without a name. */
export const OTHER_COLOR = "#94a3b8";

/**
 * One colour per model for every chart of a view: the models in name order take the palette in
 * turn, so a model has the same colour in the spend bars, the routing mix and the legends.
 */
export function modelColors(models: Iterable<string>, other = "other"): (model: string) => string {
  const names = [...new Set(models)].filter((name) => name !== other).sort();
  const colors = new Map(names.map((name, index) => [name, colorAt(index)]));
  return (model) => colors.get(model) ?? OTHER_COLOR;
}
