import type { ModelInfo, PublishedPolicy, RoutingSnapshot, TeamInfo } from "@switchyard/core";
import { type CompiledPolicy, compilePolicy, type PolicyContext } from "@switchyard/router";
import { z } from "zod";

/** Models the routing engine uses instead of its shipped weights (tests, experiments). */
export type RoutingModels = Pick<PolicyContext, "classifier" | "scorer">;

const fallbacksSchema = z.array(z.string().min(1));

/** The virtual model that routes by the team's published policy (or its default model). */
export const AUTO_MODEL = "switchyard/auto";

/** A routing snapshot with the lookups the hot path needs, built once per (re)load. */
export class ConfigState {
  readonly modelsByName = new Map<string, ModelInfo>();
  readonly teamsById = new Map<string, TeamInfo>();
  /** teamId → alias → policy. */
  readonly policiesByTeam = new Map<string, Map<string, PublishedPolicy>>();
  /** Each model's `settings.fallbacks` (validated once per snapshot; [] when absent or malformed). */
  private readonly fallbacks = new Map<string, readonly string[]>();
  private readonly compiledPolicies = new Map<string, CompiledPolicy | Error>();
  /** Most expensive enabled model (output price, then input price): the default cost baseline. */
  readonly premiumModel: ModelInfo | null;

  constructor(
    readonly snapshot: RoutingSnapshot,
    private readonly routing: RoutingModels = {},
  ) {
    for (const model of snapshot.models) {
      if (!model.enabled) continue;
      for (const alias of model.aliases) {
        if (!this.modelsByName.has(alias)) this.modelsByName.set(alias, model);
      }
    }
    // Real names win over aliases of other models.
    for (const model of snapshot.models)
      if (model.enabled) this.modelsByName.set(model.name, model);
    for (const team of snapshot.teams) this.teamsById.set(team.id, team);
    for (const policy of snapshot.policies) {
      let byAlias = this.policiesByTeam.get(policy.teamId);
      if (byAlias === undefined) {
        byAlias = new Map();
        this.policiesByTeam.set(policy.teamId, byAlias);
      }
      byAlias.set(policy.alias, policy);
    }
    let premium: ModelInfo | null = null;
    for (const model of snapshot.models) {
      if (!model.enabled) continue;
      if (
        premium === null ||
        model.outputPricePerMillion > premium.outputPricePerMillion ||
        (model.outputPricePerMillion === premium.outputPricePerMillion &&
          model.inputPricePerMillion > premium.inputPricePerMillion)
      ) {
        premium = model;
      }
    }
    this.premiumModel = premium;
  }

  /** The enabled model named (or aliased) `name` that `teamId` may use. */
  modelFor(name: string, teamId: string): ModelInfo | undefined {
    const model = this.modelsByName.get(name);
    if (model === undefined) return undefined;
    return model.teamId === null || model.teamId === teamId ? model : undefined;
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
        compiled = compilePolicy(policy.body, {
          ...this.routing,
          models: this.modelsForTeam(policy.teamId),
        });
      } catch (error) {
        compiled = error instanceof Error ? error : new Error(String(error));
        onFirstError?.(compiled);
      }
      this.compiledPolicies.set(policy.versionId, compiled);
    }
    return compiled;
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

  /** Every enabled model visible to a team. */
  modelsForTeam(teamId: string): ModelInfo[] {
    return this.snapshot.models.filter(
      (model) => model.enabled && (model.teamId === null || model.teamId === teamId),
    );
  }
}
