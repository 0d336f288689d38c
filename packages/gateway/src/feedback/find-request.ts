import type {
  LoggedRequest,
  RequestLogEntry,
  RequestLogReader,
  RequestStatus,
} from "@switchyard/core";

/** Rows the gateway holds that are not in the store yet (the accounting queue and its spool). */
export interface UnwrittenRows {
  inMemory(): RequestLogEntry[];
  spooled(): Promise<RequestLogEntry[]>;
}

export interface FindRequestDeps {
  reader: RequestLogReader;
  unwritten: UnwrittenRows;
  /** The policy a published version belongs to (rows not yet written carry only the version). */
  policyOfVersion(teamId: string, versionId: string): string | null;
}

function fromEntry(entry: RequestLogEntry, deps: FindRequestDeps): LoggedRequest {
  return {
    id: entry.id,
    teamId: entry.teamId,
    apiKeyId: entry.apiKeyId,
    policyId:
      entry.policyVersionId === null
        ? null
        : deps.policyOfVersion(entry.teamId, entry.policyVersionId),
    routedModel: entry.routedModel,
    status: entry.status satisfies RequestStatus,
    tags: entry.tags ?? [],
    routingFeatures: entry.routingFeatures ?? null,
    promptText: entry.promptText,
    createdAt: entry.createdAt,
  };
}

const match = (entries: readonly RequestLogEntry[], teamId: string, requestId: string) =>
  entries.find((entry) => entry.id === requestId && entry.teamId === teamId);

/**
 * The team's request with this id, wherever its row is: still in this instance's accounting queue
 * (a request that just finished), in the database, or in the spool (the database was down when
 * it was written). Another instance's unwritten rows are not visible: those requests are found
 * once that instance has written them.
 */
export async function findRequest(
  deps: FindRequestDeps,
  teamId: string,
  requestId: string,
): Promise<LoggedRequest | null> {
  const queued = match(deps.unwritten.inMemory(), teamId, requestId);
  if (queued !== undefined) return fromEntry(queued, deps);
  const stored = await deps.reader.findRequest(teamId, requestId);
  if (stored !== null) return stored;
  // Written meanwhile is found above; moved to the spool meanwhile (the store failed) is here.
  const late =
    match(deps.unwritten.inMemory(), teamId, requestId) ??
    match(await deps.unwritten.spooled(), teamId, requestId);
  return late === undefined ? null : fromEntry(late, deps);
}
