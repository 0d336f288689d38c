import type { ApiKeyInfo, KeyStore } from "@switchyard/core";
import type { PrismaClient } from "../generated/client";
import { toTeamInfo } from "./mappers";

/**
 * API keys by SHA-256 hash, with their team. Revoked and expired keys are returned as they are.
 * A secret replaced by a rotation is found by its previous hash, with `secretExpiresAt` set to
 * the end of its grace period (the gateway refuses it from then on).
 */
export class PrismaKeyStore implements KeyStore {
  constructor(private readonly prisma: PrismaClient) {}

  async findByHash(hash: string): Promise<ApiKeyInfo | null> {
    const key = await this.prisma.apiKey.findFirst({
      where: { OR: [{ hash }, { previousHash: hash }] },
      include: { team: true },
    });
    if (!key) return null;
    const rotatedOut = key.hash !== hash;
    if (rotatedOut && key.previousHashExpiresAt === null) return null;
    return {
      id: key.id,
      teamId: key.teamId,
      name: key.name,
      prefix: key.prefix,
      scopes: key.scopes,
      expiresAt: key.expiresAt,
      revokedAt: key.revokedAt,
      tags: key.tags,
      learningOptOut: key.learningOptOut,
      ...(rotatedOut && { secretExpiresAt: key.previousHashExpiresAt }),
      team: toTeamInfo(key.team),
    };
  }

  /** One UPDATE for the whole batch; a time never moves backwards. Unknown ids are ignored. */
  async touchLastUsed(usage: ReadonlyMap<string, Date>): Promise<void> {
    if (usage.size === 0) return;
    const ids: string[] = [];
    const times: string[] = [];
    for (const [id, at] of usage) {
      ids.push(id);
      times.push(at.toISOString());
    }
    await this.prisma.$executeRawUnsafe(
      `update api_keys as k
          set last_used_at = greatest(coalesce(k.last_used_at, v.at), v.at)
         from (select * from jsonb_to_recordset($1::jsonb) as r(id text, at timestamptz)) as v
        where k.id = v.id`,
      JSON.stringify(ids.map((id, index) => ({ id, at: times[index] }))),
    );
  }
}
