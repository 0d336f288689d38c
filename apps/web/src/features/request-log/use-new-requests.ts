"use client";
/** Polls the newest page of the request log and counts the rows newer than the ones shown. */
import { useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { useEndpointQuery } from "@/lib/api-client";
import { listRequests, type RequestSummary } from "./contract";
import { CHECK_SIZE, countNewer } from "./new-requests";

/** How often the newest page is checked while the tab is visible. */
export const NEW_REQUESTS_POLL_MS = 5_000;
/**
 * New requests under the current filters since the first page was last loaded. `firstPage` is
 * the first page's rows when it is the page shown (null while an older page is shown: the newest
 * row seen before is kept). `load` refreshes the log and goes back to its first page.
 */
export function useNewRequests(
  teamId: string,
  filters: Record<string, string | undefined>,
  firstPage: readonly RequestSummary[] | null,
  backToFirstPage: () => void,
) {
  const client = useQueryClient();
  // The newest row the user has seen on the first page (null: it was empty).
  const seen = useRef<{ key: string; row: RequestSummary | null } | null>(null);
  const filterKey = JSON.stringify(filters);
  if (firstPage !== null) seen.current = { key: filterKey, row: firstPage[0] ?? null };
  const baseline = seen.current?.key === filterKey ? seen.current : null;
  const poll = useEndpointQuery(
    listRequests,
    { params: { teamId }, query: { ...filters, limit: CHECK_SIZE } },
    { refetchInterval: NEW_REQUESTS_POLL_MS, enabled: baseline !== null },
  );
  const newer =
    baseline === null || poll.data === undefined
      ? { count: 0, more: false }
      : countNewer(poll.data.requests, baseline.row);
  return {
    ...newer,
    load: () => {
      backToFirstPage();
      void client.invalidateQueries({ queryKey: [listRequests.id] });
    },
  };
}
