/** The models a team may route to, as the routing engine sees them (no credentials). */
import type { Capability, ModelInfo, ProviderKind } from "@switchyard/core";
import type { Prisma } from "@/server/db";

export async function loadTeamModels(prisma: Prisma, teamId: string): Promise<ModelInfo[]> {
  const rows = await prisma.model.findMany({
    where: { connection: { OR: [{ teamId: null }, { teamId }] } },
    include: { connection: true },
    orderBy: { name: "asc" },
  });
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
    teamId: row.connection.teamId,
    enabled: row.enabled && row.connection.enabled,
  }));
}
