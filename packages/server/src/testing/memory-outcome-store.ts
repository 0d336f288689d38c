/** An OutcomeStore in memory (tests and evaluations): the same contract as the PostgreSQL one. */
import type { OutcomeRecord, OutcomeStore } from "@switchyard/core";

const DEFAULT_LIMIT = 10_000;

export class MemoryOutcomeStore implements OutcomeStore {
  private readonly records = new Map<string, OutcomeRecord>();

  async upsert(outcome: OutcomeRecord): Promise<void> {
    this.records.set(
      JSON.stringify([outcome.requestId, outcome.source, outcome.sourceId]),
      structuredClone(outcome),
    );
  }

  async list(
    teamId: string,
    options: { policyId?: string; limit?: number } = {},
  ): Promise<OutcomeRecord[]> {
    return [...this.records.values()]
      .filter(
        (record) =>
          record.teamId === teamId &&
          (options.policyId === undefined || record.policyId === options.policyId),
      )
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, options.limit ?? DEFAULT_LIMIT)
      .map((record) => structuredClone(record));
  }

  /** How many outcomes it holds (all teams). */
  get size(): number {
    return this.records.size;
  }
}
