import type { ApiKeyView } from "../contract";

export interface KeyRecord {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  rpmLimit: number | null;
  tpmLimit: number | null;
  tags: string[];
  learningOptOut: boolean;
  createdAt: Date;
  createdById: string | null;
  createdBy: { email: string } | null;
  rotatedAt: Date | null;
  previousHashExpiresAt: Date | null;
}

export function keyStatus(
  key: Pick<KeyRecord, "revokedAt" | "expiresAt">,
  now = new Date(),
): ApiKeyView["status"] {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt <= now) return "expired";
  return "active";
}

export const toKeyView = (key: KeyRecord, monthSpendUsd: string): ApiKeyView => ({
  id: key.id,
  name: key.name,
  prefix: key.prefix,
  scopes: key.scopes,
  expiresAt: key.expiresAt?.toISOString() ?? null,
  revokedAt: key.revokedAt?.toISOString() ?? null,
  lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  rpmLimit: key.rpmLimit,
  tpmLimit: key.tpmLimit,
  tags: key.tags,
  learningOptOut: key.learningOptOut,
  status: keyStatus(key),
  createdAt: key.createdAt.toISOString(),
  createdById: key.createdById,
  createdBy: key.createdBy?.email ?? null,
  monthSpendUsd,
  rotatedAt: key.rotatedAt?.toISOString() ?? null,
  previousSecretExpiresAt: previousSecretExpiry(key),
});

/** The end of the rotated-out secret's grace period, while it lasts. */
export function previousSecretExpiry(
  key: Pick<KeyRecord, "previousHashExpiresAt">,
  now = new Date(),
): string | null {
  const until = key.previousHashExpiresAt;
  return until && until > now ? until.toISOString() : null;
}
