/**
 * Training a team's learned routers: for each learned target of a published policy, fit an
 * artefact on the team's outcomes of that policy that grade the target's candidates, store it as
 * the target's next version and tell every gateway instance to reload its routing snapshot (the
 * `config` topic of the change feed), which then routes that target with it.
 *
 * Two instances never fit the same target at once: the fit runs under the store's target lock
 * (a PostgreSQL advisory lock held by the saving transaction); the loser skips it as "busy".
 */
import type {
  ChangeFeed,
  ConfigStore,
  LearnedRouterStore,
  LearnedRouterVersion,
  OutcomeStore,
  RoutingSnapshot,
} from "@switchyard/core";
import { learnedTargetsOf, type PolicyLearnedTargets } from "@switchyard/gateway";
import { fitLearnedRouterAsync, type LearnedTargetInfo } from "@switchyard/router";
import type { Logger } from "pino";
import { type ParsedRecord, parseRecords, trainingSetFor } from "./training-set";

export interface LearningPorts {
  outcomes: OutcomeStore;
  routers: LearnedRouterStore;
  /** Where the published policies and the team's models are read from. */
  config: ConfigStore;
  /** Where a new version is announced (the gateways reload their routing snapshot). */
  changes?: Pick<ChangeFeed, "publish">;
  logger?: Logger;
}

/** When a target is (re)fitted. */
export interface RefitRule {
  /** Usable outcomes (that grade a candidate) needed for any fit. */
  minOutcomes: number;
  /** A scheduled refit needs this many outcomes newer than the last version… */
  minNewOutcomes: number;
  /** …or this share of the outcomes the last version was fitted on. */
  minGrowth: number;
  /** The newest outcomes a fit reads. */
  maxOutcomes: number;
  /** Versions kept per target (older ones are deleted after a fit). */
  keepVersions: number;
}

export const DEFAULT_REFIT_RULE: RefitRule = {
  minOutcomes: 20,
  minNewOutcomes: 20,
  minGrowth: 0.1,
  maxOutcomes: 10_000,
  keepVersions: 10,
};

export type SkipReason = "too_few_outcomes" | "too_few_new_outcomes" | "busy";

export type TargetTraining =
  | {
      key: string;
      models: readonly string[];
      status: "trained";
      usable: number;
      newOutcomes: number;
      version: LearnedRouterVersion;
    }
  | {
      key: string;
      models: readonly string[];
      status: "skipped";
      reason: SkipReason;
      usable: number;
      newOutcomes: number;
    };

export interface PolicyTraining {
  teamId: string;
  policyId: string;
  /** Outcomes of the policy whose features are missing or do not validate (not used). */
  unparseable: number;
  targets: TargetTraining[];
}

export type LearningErrorCode = "policy_not_published" | "policy_invalid" | "no_learned_targets";

/** The policy cannot be trained at all (as opposed to a target skipped for want of outcomes). */
export class LearningError extends Error {
  constructor(
    readonly code: LearningErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "LearningError";
  }
}

/** A stable seed per target, so the held-out split is the same from one version to the next. */
export function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Whether a scheduled refit is due: enough usable outcomes, and enough new ones since the last
 * version (at least `minNewOutcomes`, or `minGrowth` of what it was fitted on).
 */
export function refitDue(
  usable: number,
  newOutcomes: number,
  last: LearnedRouterVersion | undefined,
  rule: RefitRule,
): SkipReason | null {
  if (usable < rule.minOutcomes) return "too_few_outcomes";
  if (last === undefined) return null;
  const growth = Math.max(1, Math.ceil(rule.minGrowth * last.trainedOn));
  return newOutcomes >= rule.minNewOutcomes || newOutcomes >= growth
    ? null
    : "too_few_new_outcomes";
}

export interface TrainOptions {
  /** "scheduled": only targets with enough new outcomes; "manual": any target with enough outcomes. */
  mode: "scheduled" | "manual";
  rule?: Partial<RefitRule>;
  /** A snapshot already loaded (the scheduler reads one per round). */
  snapshot?: RoutingSnapshot;
}

/** Train one policy's learned targets now. Throws LearningError when the policy cannot be trained. */
export async function trainPolicy(
  ports: LearningPorts,
  target: { teamId: string; policyId: string },
  options: TrainOptions,
): Promise<PolicyTraining> {
  const snapshot = options.snapshot ?? (await ports.config.loadSnapshot());
  const [policy] = learnedTargetsOf(snapshot, target);
  if (policy === undefined) {
    throw new LearningError(
      "policy_not_published",
      "The policy has no published version: publish it before training its learned routers.",
    );
  }
  if (policy.error !== undefined) {
    throw new LearningError(
      "policy_invalid",
      `The policy's published version does not compile: ${policy.error}`,
    );
  }
  if (policy.targets.length === 0) {
    throw new LearningError(
      "no_learned_targets",
      'The policy has no learned target ({ "strategy": "learned", … }, or a cascade whose pair its learning block grades) to train.',
    );
  }
  return trainTargets(ports, policy, options);
}

/** Train the learned targets of one compiled policy. */
export async function trainTargets(
  ports: LearningPorts,
  policy: PolicyLearnedTargets,
  options: TrainOptions,
): Promise<PolicyTraining> {
  const rule = { ...DEFAULT_REFIT_RULE, ...options.rule };
  const { teamId, policyId } = policy;
  // A version is stamped with this moment: outcomes recorded after it count as new next time.
  const readAt = new Date();
  const records = await ports.outcomes.list(teamId, { policyId, limit: rule.maxOutcomes });
  const { parsed, unparseable } = parseRecords(records);
  const results: TargetTraining[] = [];
  // One fit per target, however many rules name it (pinned or not); a cascade over the same
  // pair adds its per-tag verdicts to that fit.
  const targets = policy.targets
    .filter((target, i, all) => all.findIndex((other) => other.key === target.key) === i)
    .map((target) => {
      const cascade = policy.targets.find((other) => other.key === target.key && other.cascade);
      return cascade?.cascade ? { ...target, cascade: cascade.cascade } : target;
    });
  for (const info of targets) {
    results.push(await trainTarget(ports, policy, info, parsed, rule, options.mode, readAt));
  }
  if (results.some((result) => result.status === "trained")) {
    await ports.changes?.publish({ topic: "config", id: teamId });
  }
  return { teamId, policyId, unparseable, targets: results };
}

async function trainTarget(
  ports: LearningPorts,
  policy: PolicyLearnedTargets,
  info: LearnedTargetInfo,
  parsed: readonly ParsedRecord[],
  rule: RefitRule,
  mode: TrainOptions["mode"],
  readAt: Date,
): Promise<TargetTraining> {
  const { teamId, policyId } = policy;
  const { key, models } = info;
  const set = trainingSetFor(parsed, models);
  const usable = set.outcomes.length;
  const ref = { teamId, policyId, modelsKey: key };
  const newSince = (last: LearnedRouterVersion | undefined) =>
    last === undefined ? usable : set.createdAt.filter((at) => at > last.createdAt).length;
  const skipped = (reason: SkipReason, newOutcomes: number): TargetTraining => ({
    key,
    models,
    status: "skipped",
    reason,
    usable,
    newOutcomes,
  });
  if (usable < rule.minOutcomes) return skipped("too_few_outcomes", usable);

  const result = await ports.routers.exclusive(ref, async (store) => {
    // Read under the lock: another instance may have just fitted this target.
    const last = (await store.newest(teamId, { policyId })).find((v) => v.modelsKey === key);
    const newOutcomes = newSince(last);
    if (mode === "scheduled") {
      const reason = refitDue(usable, newOutcomes, last, rule);
      if (reason !== null) return skipped(reason, newOutcomes);
    }
    const started = performance.now();
    // Sliced: the process keeps serving requests while it fits (one slice of delay at most).
    const artefact = await fitLearnedRouterAsync(set.outcomes, {
      models: [...models],
      seed: seedOf(`${teamId}/${policyId}/${key}`),
      ...(info.cascade && { cascade: info.cascade }),
    });
    const version = await store.save({
      teamId,
      policyId,
      modelsKey: key,
      artefactId: artefact.id,
      models: [...models],
      trainedOn: usable,
      heldOut: artefact.report.heldOut,
      artefact,
      createdAt: readAt,
    });
    // Versions the published policy pins stay, however old.
    const pinned = policy.targets
      .filter((target) => target.key === key && target.version !== undefined)
      .map((target) => target.version as number);
    await store.prune(ref, rule.keepVersions, pinned);
    ports.logger?.info(
      {
        teamId,
        policyId,
        target: key,
        version: version.version,
        artefact: artefact.id,
        trainedOn: usable,
        fitMs: Math.round(performance.now() - started),
      },
      "learned router trained",
    );
    return {
      key,
      models,
      status: "trained",
      usable,
      newOutcomes,
      version,
    } satisfies TargetTraining;
  });
  return result ?? skipped("busy", newSince(undefined));
}
