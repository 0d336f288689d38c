/** A timestamp in the viewer's locale (medium date, short time), or the fallback when absent. */
export function formatDate(value: string | null, fallback = "—"): string {
  if (!value) return fallback;
  return new Date(value).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
