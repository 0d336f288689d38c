/** "0.0123456" → "$0.0123"; amounts under a cent keep four decimals, others two. */
export function formatUsd(value: string): string {
  const amount = Number(value);
  if (!Number.isFinite(amount)) return value;
  if (amount === 0) return "$0.00";
  const digits = Math.abs(amount) < 0.01 ? 4 : 2;
  return `$${amount.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

/** A date input's value (YYYY-MM-DD) → the end of that day in the browser's zone, ISO. */
export function endOfDayIso(date: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(year, month - 1, day, 23, 59, 59, 999).toISOString();
}

/** "12" → 12, "" → null (no limit); anything else is sent as typed, for the API to refuse. */
export function optionalLimit(value: string): number | string | null {
  const trimmed = value.trim();
  if (!trimmed) return null;
  const parsed = Number(trimmed);
  return Number.isInteger(parsed) ? parsed : trimmed;
}

/** Comma-separated default tags as typed ("app:billing, tier:gold") → the list, de-duplicated. */
export function parseTagList(value: string): string[] {
  const tags = value
    .split(",")
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
  return [...new Set(tags)];
}
