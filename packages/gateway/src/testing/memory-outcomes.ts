import type {
  LoggedRequest,
  OutcomeRecord,
  OutcomeStore,
  RequestLogEntry,
  RequestLogReader,
} from "@switchyard/core";

const DEFAULT_LIST_LIMIT = 10_000;

const identity = (outcome: Pick<OutcomeRecord, "requestId" | "source" | "sourceId">) =>
  `${outcome.requestId}\u0000${outcome.source}\u0000${outcome.sourceId}`;

/**
 * Outcomes in memory (tests and evaluations), with the database's semantics: one outcome per
 * (requestId, source, sourceId), replaced on upsert; listed newest first.
 */
export class MemoryOutcomeStore implements OutcomeStore {
  private readonly byIdentity = new Map<string, OutcomeRecord>();
  /** While true, writes fail as if the database were down. */
  down = false;

  async upsert(outcome: OutcomeRecord): Promise<void> {
    if (this.down) throw new Error("database unavailable");
    this.byIdentity.set(identity(outcome), structuredClone(outcome));
  }

  async list(
    teamId: string,
    options: { policyId?: string; limit?: number } = {},
  ): Promise<OutcomeRecord[]> {
    const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIST_LIMIT));
    return [...this.byIdentity.values()]
      .filter(
        (outcome) =>
          outcome.teamId === teamId &&
          (options.policyId === undefined || outcome.policyId === options.policyId),
      )
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, limit)
      .map((outcome) => structuredClone(outcome));
  }

  /** Every outcome, in no particular order. */
  all(): OutcomeRecord[] {
    return [...this.byIdentity.values()];
  }
}

/**
 * Request-log rows read from a MemoryUsageSink's entries (what the database would hold once the
 * queue has written them); `policies` maps a policy version id to its policy id.
 */
export class MemoryRequestLogReader implements RequestLogReader {
  lookups = 0;

  constructor(
    private readonly entries: readonly RequestLogEntry[],
    private readonly policies: ReadonlyMap<string, string> = new Map(),
  ) {}

  async findRequest(teamId: string, requestId: string): Promise<LoggedRequest | null> {
    this.lookups += 1;
    const entry = this.entries.find((row) => row.id === requestId && row.teamId === teamId);
    if (entry === undefined) return null;
    return {
      id: entry.id,
      teamId: entry.teamId,
      apiKeyId: entry.apiKeyId,
      policyId:
        entry.policyVersionId === null ? null : (this.policies.get(entry.policyVersionId) ?? null),
      routedModel: entry.routedModel,
      status: entry.status,
      tags: entry.tags ?? [],
      routingFeatures: entry.routingFeatures ?? null,
      promptText: entry.promptText,
      createdAt: entry.createdAt,
    };
  }
}
