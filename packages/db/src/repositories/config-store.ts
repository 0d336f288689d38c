import {
  type ConfigStore,
  isProviderKind,
  type LearnedRouterRef,
  type ModelInfo,
  type PublishedPolicy,
  type RoutingSnapshot,
} from "@switchyard/core";
import { decryptSecret } from "../crypto";
import { Prisma, type PrismaClient } from "../generated/client";
import { decimalOrNull, toCapabilities, toPriceVersion, toSettings, toTeamInfo } from "./mappers";

export interface ConfigStoreOptions {
  /** Key that encrypted the provider credentials (64 hex characters or base64). */
  encryptionKey: string;
  /** Told about rows left out of (or disabled in) the snapshot, e.g. an undecryptable credential. */
  onWarning?: (message: string) => void;
}

/**
 * The routing snapshot: every model with its connection's base URL and decrypted credential, every
 * team, every published policy. A model whose credential cannot be decrypted (wrong key, corrupted
 * row) is kept but disabled, so one bad row does not take the whole gateway down. The newest learned
 * router of every team's policy and target comes with it; a version's artefact never changes, so
 * each is read from the database once and kept while it is the newest.
 */
export class PrismaConfigStore implements ConfigStore {
  /** learned_routers row id → its artefact (the rows of the last snapshot only). */
  private artefacts = new Map<string, unknown>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: ConfigStoreOptions,
  ) {}

  async loadSnapshot(): Promise<RoutingSnapshot> {
    const [models, teams, policies] = await Promise.all([
      this.prisma.model.findMany({
        include: { connection: true, prices: { orderBy: { effectiveFrom: "asc" } } },
        orderBy: { name: "asc" },
      }),
      this.prisma.team.findMany({ orderBy: { slug: "asc" } }),
      this.prisma.routingPolicy.findMany({
        where: { publishedVersionId: { not: null } },
        include: { publishedVersion: true },
      }),
    ]);
    const learnedRouters = await this.loadLearnedRouters(
      policies.flatMap((policy) =>
        pinnedVersions(policy.publishedVersion?.body).map((version) => ({
          policyId: policy.id,
          version,
        })),
      ),
    );

    const credentials = new Map<string, string | null | Error>();
    const credentialOf = (connectionId: string, cipher: string | null): string | null | Error => {
      if (!credentials.has(connectionId)) {
        let value: string | null | Error = null;
        if (cipher !== null) {
          try {
            value = decryptSecret(cipher, this.options.encryptionKey);
          } catch (error) {
            value = error instanceof Error ? error : new Error(String(error));
          }
        }
        credentials.set(connectionId, value);
      }
      return credentials.get(connectionId) ?? null;
    };

    const modelInfos: ModelInfo[] = [];
    for (const model of models) {
      const { connection } = model;
      if (!isProviderKind(connection.kind)) {
        this.options.onWarning?.(
          `model "${model.name}" skipped: its connection "${connection.name}" has unknown provider kind "${connection.kind}"`,
        );
        continue;
      }
      const credential = credentialOf(connection.id, connection.encryptedCredentials);
      const undecryptable = credential instanceof Error;
      if (undecryptable) {
        this.options.onWarning?.(
          `model "${model.name}" disabled: credential of connection "${connection.name}" cannot be decrypted (${credential.message})`,
        );
      }
      modelInfos.push({
        id: model.id,
        name: model.name,
        aliases: model.aliases,
        providerKind: connection.kind,
        providerConnectionId: connection.id,
        upstreamName: model.upstreamName,
        baseUrl: connection.baseUrl,
        apiKey: undecryptable ? null : credential,
        settings: { ...toSettings(connection.settings), ...toSettings(model.settings) },
        inputPricePerMillion: model.inputPricePerMillion.toNumber(),
        outputPricePerMillion: model.outputPricePerMillion.toNumber(),
        cachedInputPricePerMillion: decimalOrNull(model.cachedInputPricePerMillion),
        cacheWrite5mPricePerMillion: decimalOrNull(model.cacheWrite5mPricePerMillion),
        cacheWrite1hPricePerMillion: decimalOrNull(model.cacheWrite1hPricePerMillion),
        reasoningPricePerMillion: decimalOrNull(model.reasoningPricePerMillion),
        unpriced: model.unpriced,
        priceHistory: model.prices.map(toPriceVersion),
        contextWindow: model.contextWindow,
        maxOutputTokens: model.maxOutputTokens,
        capabilities: toCapabilities(model.capabilities),
        teamId: connection.teamId,
        enabled: model.enabled && connection.enabled && !undecryptable,
      });
    }

    const published: PublishedPolicy[] = [];
    for (const policy of policies) {
      const version = policy.publishedVersion;
      if (!version) continue;
      published.push({
        policyId: policy.id,
        versionId: version.id,
        version: version.version,
        teamId: policy.teamId,
        alias: policy.alias,
        body: version.body,
      });
    }

    return {
      models: modelInfos,
      teams: teams.map(toTeamInfo),
      policies: published,
      learnedRouters,
    };
  }

  /**
   * The newest version of every team's policy and learned target, and the versions published
   * policies pin (any target of that policy with that version number), with their artefacts.
   */
  private async loadLearnedRouters(
    pins: readonly { policyId: string; version: number }[],
  ): Promise<LearnedRouterRef[]> {
    const newestRows = await this.prisma.$queryRaw<
      {
        id: string;
        team_id: string;
        policy_id: string;
        models_key: string;
        version: number;
        artefact_id: string;
      }[]
    >`
      select distinct on (team_id, policy_id, models_key)
        id, team_id, policy_id, models_key, version, artefact_id
      from learned_routers
      order by team_id, policy_id, models_key, version desc`;
    const pinnedRows =
      pins.length === 0
        ? []
        : await this.prisma.$queryRaw<typeof newestRows>`
      select id, team_id, policy_id, models_key, version, artefact_id
      from learned_routers
      where (policy_id, version) in (${Prisma.join(
        pins.map((pin) => Prisma.sql`(${pin.policyId}, ${pin.version})`),
      )})`;
    const newest = [
      ...newestRows,
      ...pinnedRows.filter((row) => !newestRows.some((top) => top.id === row.id)),
    ];
    const missing = newest.filter((row) => !this.artefacts.has(row.id)).map((row) => row.id);
    const fetched =
      missing.length === 0
        ? []
        : await this.prisma.learnedRouter.findMany({
            where: { id: { in: missing } },
            select: { id: true, artefact: true },
          });
    const artefacts = new Map<string, unknown>();
    for (const row of newest) {
      if (this.artefacts.has(row.id)) artefacts.set(row.id, this.artefacts.get(row.id));
    }
    for (const row of fetched) artefacts.set(row.id, row.artefact);
    this.artefacts = artefacts;
    const refs: LearnedRouterRef[] = [];
    for (const row of newest) {
      if (!artefacts.has(row.id)) continue; // deleted between the two reads
      refs.push({
        teamId: row.team_id,
        policyId: row.policy_id,
        modelsKey: row.models_key,
        version: row.version,
        artefactId: row.artefact_id,
        artefact: artefacts.get(row.id),
      });
    }
    return refs;
  }
}

/** The version numbers a policy body's learned targets pin (`{ strategy: "learned", version }`). */
export function pinnedVersions(body: unknown): number[] {
  if (typeof body !== "object" || body === null) return [];
  const { otherwise, rules } = body as { otherwise?: unknown; rules?: unknown };
  const targets = [otherwise, ...(Array.isArray(rules) ? rules.map((rule) => rule?.target) : [])];
  const versions = new Set<number>();
  for (const target of targets) {
    if (typeof target !== "object" || target === null) continue;
    const { strategy, version } = target as { strategy?: unknown; version?: unknown };
    if (strategy === "learned" && Number.isSafeInteger(version) && (version as number) > 0)
      versions.add(version as number);
  }
  return [...versions];
}
