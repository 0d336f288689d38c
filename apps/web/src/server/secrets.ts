/**
 * Secrets the console stores (provider credentials, budget webhook secrets) are encrypted at rest
 * with the instance's key (AES-256-GCM, @switchyard/db crypto.ts); the gateway decrypts them with
 * the same key. Without a key nothing secret can be stored: a 503 that says so.
 */
import { decryptSecret, encryptSecret } from "@switchyard/db";
import { AdminError } from "./admin/errors";
import { getEnv } from "./env";

function requireKey(): string {
  const key = getEnv().encryptionKey;
  if (!key) {
    throw new AdminError(
      503,
      "encryption_key_missing",
      "SWITCHYARD_ENCRYPTION_KEY is not set, so secrets cannot be stored or read.",
    );
  }
  return key;
}

export function encryptAtRest(secret: string): string {
  return encryptSecret(secret, requireKey());
}

/** A stored secret in clear, for a call the console makes itself (Test connection). */
export function decryptAtRest(cipher: string): string {
  return decryptSecret(cipher, requireKey());
}
