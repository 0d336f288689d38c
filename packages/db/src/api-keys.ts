import { createHash, randomBytes } from "node:crypto";
import type { ApiKey, PrismaClient } from "./generated/client";

export const API_KEY_PREFIX = "sk-sy-";
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_LENGTH = 32;
/** How many leading characters of a key are stored and shown, e.g. "sk-sy-AbCd". */
export const VISIBLE_PREFIX_LENGTH = 10;
/** Keys this instance accepts when given one to store (e.g. the demo key): sk-<20+ of A-Z a-z 0-9 - _>. */
const KEY_PATTERN = /^sk-[A-Za-z0-9_-]{20,}$/;

/** `count` uniformly random base62 characters (rejection sampling, no modulo bias). */
export function randomBase62(count: number): string {
  let out = "";
  while (out.length < count) {
    for (const byte of randomBytes(count * 2)) {
      if (byte < 248) out += BASE62[byte % 62];
      if (out.length === count) break;
    }
  }
  return out;
}

/** A new key: "sk-sy-" + 32 random base62 characters. */
export const generateApiKey = (): string => `${API_KEY_PREFIX}${randomBase62(RANDOM_LENGTH)}`;

export const isWellFormedApiKey = (key: string): boolean => KEY_PATTERN.test(key);

/** SHA-256 hex of the key: what is stored and looked up. */
export const hashApiKey = (key: string): string => createHash("sha256").update(key).digest("hex");

export const apiKeyPrefix = (key: string): string => key.slice(0, VISIBLE_PREFIX_LENGTH);

export interface CreateApiKeyInput {
  teamId: string;
  name: string;
  scopes?: string[];
  expiresAt?: Date | null;
  createdById?: string | null;
  rpmLimit?: number | null;
  tpmLimit?: number | null;
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
    throw new Error("API key must look like sk-<at least 20 letters, digits, - or _>");
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
    },
  });
  return { key, record };
}
