/**
 * Secrets at rest (provider credentials, budget webhook secrets): AES-256-GCM with a 32-byte key the app passes in (64 hex characters
 * or base64, from its env module; this package never reads the environment). Ciphertext format:
 * "v1:" + base64(iv[12] | tag[16] | ciphertext).
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class EncryptionKeyError extends Error {
  override name = "EncryptionKeyError";
}

export class DecryptionError extends Error {
  override name = "DecryptionError";
}

/** Decodes and checks a 32-byte key given as 64 hex characters or as base64 / base64url. */
export function parseEncryptionKey(encodedKey: string): Buffer {
  const text = encodedKey.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(text)
    ? Buffer.from(text, "hex")
    : /^[A-Za-z0-9+/_-]+={0,2}$/.test(text)
      ? Buffer.from(text, "base64")
      : Buffer.alloc(0);
  if (key.length !== 32) {
    throw new EncryptionKeyError(
      "encryption key must be 32 bytes, as 64 hex characters or base64 (create one with: openssl rand -hex 32)",
    );
  }
  return key;
}

/** Whether a stored value is ciphertext of encryptSecret (as opposed to text stored before encryption). */
export const isEncryptedSecret = (value: string): boolean => value.startsWith(`${VERSION}:`);

/** A fresh random key, base64. */
export const generateEncryptionKey = (): string => randomBytes(32).toString("base64");

export function encryptSecret(plain: string, keyBase64: string): string {
  const key = parseEncryptionKey(keyBase64);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const encrypted = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `${VERSION}:${Buffer.concat([iv, tag, encrypted]).toString("base64")}`;
}

/** Throws DecryptionError when the ciphertext is malformed, tampered with, or made with another key. */
export function decryptSecret(cipherText: string, keyBase64: string): string {
  const key = parseEncryptionKey(keyBase64);
  const [version, payload] = cipherText.split(":", 2);
  if (version !== VERSION || payload === undefined) {
    throw new DecryptionError("unrecognised ciphertext format (expected v1:...)");
  }
  const bytes = Buffer.from(payload, "base64");
  if (bytes.length < IV_BYTES + TAG_BYTES) throw new DecryptionError("ciphertext is too short");
  const iv = bytes.subarray(0, IV_BYTES);
  const tag = bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const encrypted = bytes.subarray(IV_BYTES + TAG_BYTES);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(encrypted), decipher.final()]).toString("utf8");
  } catch (error) {
    throw new DecryptionError("cannot decrypt credential: wrong encryption key or corrupted data", {
      cause: error,
    });
  }
}
