import type { OutcomeRecord, OutcomeStore } from "@switchyard/core";

/** Outcomes in memory (tests, evaluations): the same upsert key and ordering as the database. */
export class MemoryOutcomeStore implements OutcomeStore {
  readonly outcomes: OutcomeRecord[] = [];

  async upsert(outcome: OutcomeRecord): Promise<void> {
    const same = this.outcomes.findIndex(
      (stored) =>
        stored.requestId === outcome.requestId &&
        stored.source === outcome.source &&
        stored.sourceId === outcome.sourceId,
    );
    if (same >= 0) this.outcomes.splice(same, 1);
    this.outcomes.push(structuredClone(outcome));
  }

  async list(
    teamId: string,
    options: { policyId?: string; limit?: number } = {},
  ): Promise<OutcomeRecord[]> {
    return this.outcomes
      .filter(
        (outcome) =>
          outcome.teamId === teamId &&
          (options.policyId === undefined || outcome.policyId === options.policyId),
      )
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, options.limit ?? 10_000);
  }
}
