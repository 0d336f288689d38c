/**
 * The models a team may route to, as the routing engine sees them (no credentials): the usable
 * ones the gateway would compile the team's policy against (features/models/server/team-models.ts).
 */
import type { Capability, ModelInfo, ProviderKind } from "@switchyard/core";
import { teamModelRows } from "@/features/models/server/team-models";
import type { Prisma } from "@/server/db";

export async function loadTeamModels(prisma: Prisma, teamId: string): Promise<ModelInfo[]> {
  const rows = await teamModelRows(prisma, teamId, { usableOnly: true });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    aliases: row.aliases,
    providerKind: row.connection.kind as ProviderKind,
    providerConnectionId: row.connectionId,
    upstreamName: row.upstreamName,
    baseUrl: row.connection.baseUrl,
    apiKey: null,
    settings: {},
    inputPricePerMillion: row.inputPricePerMillion.toNumber(),
    outputPricePerMillion: row.outputPricePerMillion.toNumber(),
    contextWindow: row.contextWindow,
    maxOutputTokens: row.maxOutputTokens,
    capabilities: row.capabilities as Capability[],
    teamId: row.teamId,
    enabled: row.enabled && row.connection.enabled,
  }));
}
