/**
 * Trained learned routers (the artefacts of @switchyard/router's `fitLearnedRouter`), one version
 * series per team, policy and learned target. The gateway routes with each target's newest
 * version, carried in the routing snapshot; training writes new versions.
 */

/** A team's newest artefact for one policy and learned target, as the routing snapshot carries it. */
export interface LearnedRouterRef {
  teamId: string;
  policyId: string;
  /** The learned target's key: its candidates' names sorted and joined by ",". */
  modelsKey: string;
  version: number;
  /** The artefact's own id (what a decision's trace names). */
  artefactId: string;
  /** The artefact as stored; validated by @switchyard/router's parseLearnedRouter before use. */
  artefact: unknown;
}

/** A stored version, without its artefact (what listings and the scheduler read). */
export interface LearnedRouterVersion {
  id: string;
  teamId: string;
  policyId: string;
  modelsKey: string;
  /** 1, 2, … per team, policy and target. */
  version: number;
  artefactId: string;
  /** The candidates, cheapest first, as the artefact was fitted. */
  models: string[];
  /** How many outcomes the fit used. */
  trainedOn: number;
  /** The artefact's held-out report (report.heldOut), or null when it has none. */
  heldOut: unknown;
  /** When the outcomes it was fitted on were read: outcomes recorded later are new to it. */
  createdAt: Date;
}

/** A fitted artefact to store as its target's next version. */
export interface NewLearnedRouter {
  teamId: string;
  policyId: string;
  modelsKey: string;
  artefactId: string;
  models: string[];
  trainedOn: number;
  heldOut: unknown;
  artefact: unknown;
  /** When the outcomes it was fitted on were read (default: when it is saved). */
  createdAt?: Date;
}

/** Where learned routers are kept (PostgreSQL in production, memory in tests). */
export interface LearnedRouterStore {
  /** Store `router` as its target's next version. */
  save(router: NewLearnedRouter): Promise<LearnedRouterVersion>;
  /** The newest version of each of the team's targets (optionally of one policy). */
  newest(teamId: string, options?: { policyId?: string }): Promise<LearnedRouterVersion[]>;
  /** The team's versions, newest first per target (optionally of one policy). */
  versions(teamId: string, options?: { policyId?: string }): Promise<LearnedRouterVersion[]>;
  /**
   * Delete all but the newest `keep` versions of a target, and the versions in `protect` (the
   * ones published policies pin); returns how many were deleted.
   */
  prune(
    target: { teamId: string; policyId: string; modelsKey: string },
    keep: number,
    protect?: readonly number[],
  ): Promise<number>;
  /**
   * Run `work` holding the target's training lock, which every instance sharing the store
   * respects; `work` gets a store bound to the lock's transaction. Null when another holder has
   * the lock (training of that target is under way elsewhere).
   */
  exclusive<T>(
    target: { teamId: string; policyId: string; modelsKey: string },
    work: (store: LearnedRouterStore) => Promise<T>,
  ): Promise<T | null>;
}
