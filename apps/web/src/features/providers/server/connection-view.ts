import type { DbModels } from "@switchyard/db";
import type { ConnectionView } from "../contract";

type Row = DbModels.ProviderConnectionModel & { _count: { models: number } };

export const connectionInclude = { _count: { select: { models: true } } } as const;

/** A connection as the API shows it: never the credential, only whether one is set. */
export function connectionView(row: Row): ConnectionView {
  return {
    id: row.id,
    teamId: row.teamId,
    shared: row.teamId === null,
    kind: row.kind,
    name: row.name,
    baseUrl: row.baseUrl,
    credentialSet: row.encryptedCredentials !== null,
    enabled: row.enabled,
    modelCount: row._count.models,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit log records of a connection (no credential, not even encrypted). */
export const auditable = (view: ConnectionView) => ({
  kind: view.kind,
  name: view.name,
  baseUrl: view.baseUrl,
  credentialSet: view.credentialSet,
  enabled: view.enabled,
});
