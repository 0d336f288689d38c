import {
  buildModelScope,
  type LearnedRouterRef,
  type ModelInfo,
  mostExpensiveModel,
  type PublishedPolicy,
  type RoutingSnapshot,
  type TeamInfo,
} from "@switchyard/core";
import {
  type CompiledPolicy,
  type ComplexityClassifier,
  compilePolicy,
  type LearnedRouter,
  type LearnedRouterSource,
  type PolicyContext,
  parseLearnedRouter,
  shippedClassifier,
} from "@switchyard/router";
import { z } from "zod";

/** Models the routing engine uses instead of its shipped weights (tests, experiments). */
export type RoutingModels = Pick<PolicyContext, "classifier" | "scorer">;

const fallbacksSchema = z.array(z.string().min(1));

/** The virtual model that routes by the team's published policy (or its default model). */
export const AUTO_MODEL = "switchyard/auto";

/** What one team may route to: its own models, then the instance-shared ones it is allowed. */
interface TeamModels {
  readonly byName: ReadonlyMap<string, ModelInfo>;
  readonly models: readonly ModelInfo[];
  /** Most expensive of `models` (output price, then input price): the default cost baseline. */
  readonly premium: ModelInfo | null;
}

function teamModels(own: readonly ModelInfo[], shared: readonly ModelInfo[]): TeamModels {
  const scope = buildModelScope(own, shared);
  return { ...scope, premium: mostExpensiveModel(scope.models) };
}

const NO_MODELS = teamModels([], []);

/**
 * Stored artefact → its validated form. The config store hands the same object for a version in
 * every snapshot while it is the newest, so each version is parsed once per process.
 */
const parsedArtefacts = new WeakMap<object, LearnedRouter | Error>();

function parseArtefact(raw: unknown): LearnedRouter | Error {
  if (typeof raw !== "object" || raw === null) return new Error("learned router: not an object");
  let parsed = parsedArtefacts.get(raw);
  if (parsed === undefined) {
    try {
      parsed = parseLearnedRouter(raw);
    } catch (error) {
      parsed = error instanceof Error ? error : new Error(String(error));
    }
    parsedArtefacts.set(raw, parsed);
  }
  return parsed;
}

const learnedEntry = (teamId: string, policyId: string) => `${teamId}\u0000${policyId}`;

/**
 * A routing snapshot with the lookups the hot path needs, built once per (re)load. Model names
 * are resolved per team (its own models first, then the instance-shared ones if the instance
 * owner allows the team; @switchyard/core model-scope.ts), so a lookup is two Map reads and
 * allocates nothing. Teams without models of their own share one scope object.
 */
export class ConfigState {
  readonly teamsById = new Map<string, TeamInfo>();
  /** teamId → alias → policy. */
  readonly policiesByTeam = new Map<string, Map<string, PublishedPolicy>>();
  /** teamId → the models the team may use (enabled ones only). */
  private readonly modelsByTeam = new Map<string, TeamModels>();
  /** Each model's `settings.fallbacks` (validated once per snapshot; [] when absent or malformed). */
  private readonly fallbacks = new Map<string, readonly string[]>();
  private readonly compiledPolicies = new Map<string, CompiledPolicy | Error>();
  /** team + policy → learned target key → its versions in the snapshot (the newest, and pinned ones). */
  private readonly learnedRouters = new Map<string, Map<string, LearnedRouterRef[]>>();

  constructor(
    readonly snapshot: RoutingSnapshot,
    private readonly routing: RoutingModels = {},
    /** Told once per snapshot about a stored learned router that does not validate (its target routes cold). */
    private readonly onWarning?: (message: string) => void,
  ) {
    const shared: ModelInfo[] = [];
    const ownByTeam = new Map<string, ModelInfo[]>();
    for (const model of snapshot.models) {
      if (!model.enabled) continue;
      if (model.teamId === null) shared.push(model);
      else {
        const list = ownByTeam.get(model.teamId);
        if (list === undefined) ownByTeam.set(model.teamId, [model]);
        else list.push(model);
      }
    }
    const sharedOnly = teamModels([], shared);
    for (const team of snapshot.teams) {
      this.teamsById.set(team.id, team);
      const own = ownByTeam.get(team.id);
      const visibleShared = team.sharedConnectionsAllowed ? shared : [];
      this.modelsByTeam.set(
        team.id,
        own !== undefined
          ? teamModels(own, visibleShared)
          : team.sharedConnectionsAllowed
            ? sharedOnly
            : NO_MODELS,
      );
    }
    for (const policy of snapshot.policies) {
      let byAlias = this.policiesByTeam.get(policy.teamId);
      if (byAlias === undefined) {
        byAlias = new Map();
        this.policiesByTeam.set(policy.teamId, byAlias);
      }
      byAlias.set(policy.alias, policy);
    }
    for (const learned of snapshot.learnedRouters ?? []) {
      const entry = learnedEntry(learned.teamId, learned.policyId);
      let byKey = this.learnedRouters.get(entry);
      if (byKey === undefined) {
        byKey = new Map();
        this.learnedRouters.set(entry, byKey);
      }
      const versions = byKey.get(learned.modelsKey) ?? [];
      versions.push(learned);
      byKey.set(learned.modelsKey, versions);
    }
  }

  /**
   * What a policy's learned targets decide with: per target key, the version the target pins or
   * else the newest in the snapshot (a Map read per decision; each artefact validated once), or
   * undefined for a cold start (no version, or the pinned one is not there).
   */
  private learnedSource(policy: PublishedPolicy): LearnedRouterSource | undefined {
    const byKey = this.learnedRouters.get(learnedEntry(policy.teamId, policy.policyId));
    if (byKey === undefined) return undefined;
    const newest = new Map<string, LearnedRouter>();
    const pinned = new Map<string, LearnedRouter>();
    for (const [key, versions] of byKey) {
      let top = -1;
      for (const learned of versions) {
        const parsed = parseArtefact(learned.artefact);
        if (parsed instanceof Error) {
          this.onWarning?.(
            `learned router ${learned.artefactId} (version ${learned.version}) of policy ${policy.policyId} ignored: ${parsed.message}`,
          );
          continue;
        }
        pinned.set(`${key}@${learned.version}`, parsed);
        if (learned.version > top) {
          top = learned.version;
          newest.set(key, parsed);
        }
      }
    }
    return ({ key, version }) =>
      version === undefined ? newest.get(key) : pinned.get(`${key}@${version}`);
  }

  /** The enabled model named (or aliased) `name` that `teamId` may use. */
  modelFor(name: string, teamId: string): ModelInfo | undefined {
    return (this.modelsByTeam.get(teamId) ?? NO_MODELS).byName.get(name);
  }

  /** The team's default cost baseline: the most expensive enabled model it may use. */
  premiumModelFor(teamId: string): ModelInfo | null {
    return (this.modelsByTeam.get(teamId) ?? NO_MODELS).premium;
  }

  policyFor(teamId: string, alias: string): PublishedPolicy | undefined {
    return this.policiesByTeam.get(teamId)?.get(alias);
  }

  /**
   * The policy compiled once per snapshot against the models its team may use, or the error that
   * kept it from compiling (the router validates on publish, so this is a stale or hand-made body).
   */
  compiled(policy: PublishedPolicy, onFirstError?: (error: Error) => void): CompiledPolicy | Error {
    let compiled = this.compiledPolicies.get(policy.versionId);
    if (compiled === undefined) {
      try {
        const learnedRouter = this.learnedSource(policy);
        compiled = compilePolicy(policy.body, {
          ...this.routing,
          models: this.modelsForTeam(policy.teamId),
          ...(learnedRouter === undefined ? {} : { learnedRouter }),
        });
      } catch (error) {
        compiled = error instanceof Error ? error : new Error(String(error));
        onFirstError?.(compiled);
      }
      this.compiledPolicies.set(policy.versionId, compiled);
    }
    return compiled;
  }

  /** The classifier policies compile with (the prior of learned targets and of outcomes). */
  get classifier(): ComplexityClassifier {
    return this.routing.classifier ?? shippedClassifier();
  }

  /** The fallback model names a model's settings list. */
  fallbacksOf(model: ModelInfo): readonly string[] {
    let names = this.fallbacks.get(model.id);
    if (names === undefined) {
      const parsed = fallbacksSchema.safeParse(model.settings.fallbacks);
      names = parsed.success ? parsed.data : [];
      this.fallbacks.set(model.id, names);
    }
    return names;
  }

  /** Every enabled model a team may use (built once per snapshot; do not modify). */
  modelsForTeam(teamId: string): readonly ModelInfo[] {
    return (this.modelsByTeam.get(teamId) ?? NO_MODELS).models;
  }
}
