import {
  API_KEY_FORMAT,
  apiKeyPrefix,
  generateApiKey,
  hashApiKey,
  isWellFormedApiKey,
} from "@switchyard/core";
import type { ApiKey, PrismaClient } from "./generated/client";

export interface CreateApiKeyInput {
  teamId: string;
  name: string;
  scopes?: string[];
  expiresAt?: Date | null;
  createdById?: string | null;
  rpmLimit?: number | null;
  tpmLimit?: number | null;
  /** Default tags of the key's requests. */
  tags?: string[];
  /** Never sample the key's requests for calibration. */
  learningOptOut?: boolean;
  /** The create request's idempotency key; unique per team (a repeat fails with P2002). */
  idempotencyKey?: string | null;
  /** Use this plaintext instead of a random key (the demo key the app keeps across restarts). */
  plaintext?: string;
}

/** Creates a key; the plaintext is returned once and never stored. */
export async function createApiKey(
  prisma: PrismaClient,
  input: CreateApiKeyInput,
): Promise<{ key: string; record: ApiKey }> {
  const key = input.plaintext ?? generateApiKey();
  if (!isWellFormedApiKey(key)) {
    throw new Error(`API key must look like ${API_KEY_FORMAT}`);
  }
  const record = await prisma.apiKey.create({
    data: {
      teamId: input.teamId,
      name: input.name,
      hash: hashApiKey(key),
      prefix: apiKeyPrefix(key),
      scopes: input.scopes ?? [],
      expiresAt: input.expiresAt ?? null,
      createdById: input.createdById ?? null,
      rpmLimit: input.rpmLimit ?? null,
      tpmLimit: input.tpmLimit ?? null,
      tags: input.tags ?? [],
      learningOptOut: input.learningOptOut ?? false,
      idempotencyKey: input.idempotencyKey ?? null,
    },
  });
  return { key, record };
}

/**
 * Issues a new secret for the key `id`: the new plaintext is returned once and never stored. The
 * secret it replaces keeps working until `previousExpiresAt` (its grace period; null = refused at
 * once); a secret replaced earlier stops working now. Everything else about the key stays.
 * Returns the record before and after (its old hashes are what the gateways' caches must drop).
 */
export async function rotateApiKey(
  prisma: PrismaClient,
  input: { id: string; previousExpiresAt: Date | null; now?: Date },
): Promise<{ key: string; record: ApiKey; before: ApiKey }> {
  const before = await prisma.apiKey.findUniqueOrThrow({ where: { id: input.id } });
  const key = generateApiKey();
  const record = await prisma.apiKey.update({
    where: { id: input.id },
    data: {
      hash: hashApiKey(key),
      prefix: apiKeyPrefix(key),
      previousHash: input.previousExpiresAt === null ? null : before.hash,
      previousHashExpiresAt: input.previousExpiresAt,
      rotatedAt: input.now ?? new Date(),
    },
  });
  return { key, record, before };
}
