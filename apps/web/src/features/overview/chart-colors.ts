/** Series colours for the overview charts (stable per position). */
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
