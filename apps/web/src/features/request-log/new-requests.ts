/** Counting the request-log rows newer than the ones shown (pure; see useNewRequests). */
import type { RequestSummary } from "./contract";

/** Rows the check reads (a size of its own, so it never refreshes the page being read). */
export const CHECK_SIZE = 25;

/** How many of `newest` (newest first) are newer than `shown`; `more` when it may be more. */
export function countNewer(
  newest: readonly Pick<RequestSummary, "id" | "createdAt">[],
  shown: Pick<RequestSummary, "id" | "createdAt"> | null,
): { count: number; more: boolean } {
  if (shown === null) return { count: newest.length, more: newest.length >= CHECK_SIZE };
  const index = newest.findIndex((row) => row.id === shown.id);
  if (index >= 0) return { count: index, more: false };
  const shownAt = Date.parse(shown.createdAt);
  const count = newest.filter((row) => Date.parse(row.createdAt) > shownAt).length;
  return { count, more: count >= CHECK_SIZE };
}
