/** Formatting and progress for the budgets page (pure). */
export function formatUsd(value: string | number): string {
  const amount = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(amount)) return String(value);
  if (amount !== 0 && Math.abs(amount) < 0.01) {
    // Fractions of a cent (one cheap request): two significant digits, never a misleading $0.00.
    return `$${amount.toLocaleString("en-US", { maximumSignificantDigits: 2 })}`;
  }
  const digits = Math.abs(amount) < 1 ? 4 : 2;
  return `$${amount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: digits })}`;
}

/** Share of the limit spent, 0..∞ (over 1 when overspent); 0 for a non-positive limit. */
export function spentShare(spentUsd: string, limitUsd: string): number {
  const limit = Number(limitUsd);
  const spent = Number(spentUsd);
  if (!(limit > 0) || !Number.isFinite(spent)) return 0;
  return Math.max(spent, 0) / limit;
}

export function parseThresholds(text: string): number[] | null {
  const parts = text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const values = parts.map(Number);
  if (values.some((value) => !Number.isInteger(value) || value < 1 || value > 1000)) return null;
  return [...new Set(values)].sort((a, b) => a - b);
}
