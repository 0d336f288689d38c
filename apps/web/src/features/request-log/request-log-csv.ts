/**
 * The request log's current filter as CSV: every page of it (newest first, up to MAX_EXPORT_ROWS),
 * one line per request with the columns the table shows.
 */
import { callEndpoint } from "@/lib/api-client";
import { toCsv } from "@/lib/csv";
import { listRequests, PAGE_SIZE_MAX, type RequestSummary } from "./contract";

/** Most rows one export reads (a hundred pages): past it the file says it was cut. */
export const MAX_EXPORT_ROWS = 10_000;

const COLUMNS: readonly (keyof RequestSummary)[] = [
  "id",
  "createdAt",
  "keyName",
  "apiKeyId",
  "requestedModel",
  "routedModel",
  "provider",
  "routeReason",
  "status",
  "httpStatus",
  "inputTokens",
  "outputTokens",
  "costUsd",
  "latencyMs",
  "ttftMs",
  "streamed",
  "cascaded",
];

export const requestsCsv = (rows: readonly RequestSummary[]): string =>
  toCsv(
    COLUMNS,
    rows.map((row) => COLUMNS.map((column) => row[column])),
  );

/** Reads every page of the filter (bounded) and answers the CSV and whether it was cut. */
export async function exportRequests(
  teamId: string,
  /** The log's filter as the page sends it (checked by the endpoint's contract). */
  filter: Record<string, string | undefined>,
): Promise<{ csv: string; rows: number; cut: boolean }> {
  const rows: RequestSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await callEndpoint(listRequests, {
      params: { teamId },
      query: { ...filter, ...(cursor && { cursor }), limit: PAGE_SIZE_MAX },
    });
    rows.push(...page.requests);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && rows.length < MAX_EXPORT_ROWS);
  const kept = rows.slice(0, MAX_EXPORT_ROWS);
  return { csv: requestsCsv(kept), rows: kept.length, cut: cursor !== undefined };
}
