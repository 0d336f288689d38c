/** A LearnedRouterStore in memory (unit tests): versions per target, a lock per target. */
import type { LearnedRouterStore, LearnedRouterVersion, NewLearnedRouter } from "@switchyard/core";

type Target = { teamId: string; policyId: string; modelsKey: string };
type Row = LearnedRouterVersion & { artefact: unknown };

const targetOf = (target: Target) =>
  JSON.stringify([target.teamId, target.policyId, target.modelsKey]);
const sameTarget = (row: Target, target: Target) => targetOf(row) === targetOf(target);
const byTarget = (a: LearnedRouterVersion, b: LearnedRouterVersion) =>
  a.policyId.localeCompare(b.policyId) ||
  a.modelsKey.localeCompare(b.modelsKey) ||
  b.version - a.version;
const withoutArtefact = ({ artefact: _artefact, ...version }: Row): LearnedRouterVersion => version;

export class MemoryLearnedRouterStore implements LearnedRouterStore {
  readonly rows: Row[] = [];
  private readonly locked = new Set<string>();
  private sequence = 0;
  /** The clock versions are stamped with (tests move it). */
  now: () => Date = () => new Date();

  async save(router: NewLearnedRouter): Promise<LearnedRouterVersion> {
    const versions = this.rows.filter((row) => sameTarget(row, router)).map((row) => row.version);
    const row: Row = {
      id: `lr_${++this.sequence}`,
      teamId: router.teamId,
      policyId: router.policyId,
      modelsKey: router.modelsKey,
      version: Math.max(0, ...versions) + 1,
      artefactId: router.artefactId,
      models: [...router.models],
      trainedOn: router.trainedOn,
      heldOut: router.heldOut ?? null,
      createdAt: router.createdAt ?? this.now(),
      artefact: router.artefact,
    };
    this.rows.push(row);
    return withoutArtefact(row);
  }

  async newest(teamId: string, options: { policyId?: string } = {}) {
    const newest = new Map<string, Row>();
    for (const row of this.rows) {
      if (row.teamId !== teamId) continue;
      if (options.policyId !== undefined && row.policyId !== options.policyId) continue;
      const current = newest.get(targetOf(row));
      if (current === undefined || current.version < row.version) newest.set(targetOf(row), row);
    }
    return [...newest.values()].map(withoutArtefact).sort(byTarget);
  }

  async versions(teamId: string, options: { policyId?: string } = {}) {
    return this.rows
      .filter(
        (row) =>
          row.teamId === teamId &&
          (options.policyId === undefined || row.policyId === options.policyId),
      )
      .map(withoutArtefact)
      .sort(byTarget);
  }

  async prune(target: Target, keep: number, protect: readonly number[] = []): Promise<number> {
    const versions = this.rows
      .filter((row) => sameTarget(row, target))
      .sort((a, b) => b.version - a.version);
    const drop = new Set(
      versions.slice(Math.max(0, keep)).filter((row) => !protect.includes(row.version)),
    );
    for (let i = this.rows.length - 1; i >= 0; i--) {
      if (drop.has(this.rows[i] as Row)) this.rows.splice(i, 1);
    }
    return drop.size;
  }

  async exclusive<T>(
    target: Target,
    work: (store: LearnedRouterStore) => Promise<T>,
  ): Promise<T | null> {
    const key = targetOf(target);
    if (this.locked.has(key)) return null;
    this.locked.add(key);
    try {
      return await work(this);
    } finally {
      this.locked.delete(key);
    }
  }
}
