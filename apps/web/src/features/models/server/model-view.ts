/** A model row as the management API shows it. */
import type { DbModels } from "@switchyard/db";
import type { ModelView } from "../contract";

type Row = DbModels.ModelModel & {
  connection: { name: string; kind: string; teamId: string | null };
};
export const modelInclude = {
  connection: { select: { name: true, kind: true, teamId: true } },
} as const;

export function modelView(row: Row): ModelView {
  return {
    id: row.id,
    name: row.name,
    aliases: row.aliases,
    upstreamName: row.upstreamName,
    connectionId: row.connectionId,
    connectionName: row.connection.name,
    providerKind: row.connection.kind,
    shared: row.teamId === null,
    inputPricePerMillion: row.inputPricePerMillion.toString(),
    outputPricePerMillion: row.outputPricePerMillion.toString(),
    priceOverridden: row.priceOverridden,
    contextWindow: row.contextWindow,
    maxOutputTokens: row.maxOutputTokens,
    capabilities: row.capabilities,
    enabled: row.enabled,
  };
}
