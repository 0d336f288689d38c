import type { DbModels } from "@switchyard/db";

type PolicyRow = DbModels.RoutingPolicyModel & {
  publishedVersion: { version: number } | null;
  versions: { version: number }[];
};

/** Include for `policySummary`: the published version's number and the newest version. */
export const policySummaryInclude = {
  publishedVersion: { select: { version: true } },
  versions: { select: { version: true }, orderBy: { version: "desc" }, take: 1 },
} as const;

export function policySummary(row: PolicyRow) {
  return {
    id: row.id,
    name: row.name,
    alias: row.alias,
    publishedVersionId: row.publishedVersionId,
    publishedVersion: row.publishedVersion?.version ?? null,
    latestVersion: row.versions[0]?.version ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

type VersionRow = DbModels.PolicyVersionModel & {
  author: { name: string | null; email: string } | null;
};

export const versionInclude = { author: { select: { name: true, email: true } } } as const;

export function versionView(row: VersionRow) {
  return {
    id: row.id,
    version: row.version,
    body: row.body,
    note: row.note,
    author: row.author ? (row.author.name ?? row.author.email) : null,
    createdAt: row.createdAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}
