/**
 * The API key format, in one place: what the gateway hashes and looks up, what the database
 * stores, what the app accepts as a configured demo key and what it generates.
 */
import { createHash, randomBytes } from "node:crypto";

export const API_KEY_PREFIX = "sk-sy-";
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_LENGTH = 32;
/** How many leading characters of a key are stored and shown, e.g. "sk-sy-AbCd". */
export const VISIBLE_PREFIX_LENGTH = 10;
/** Keys this instance stores: "sk-sy-" + at least 16 letters, digits, "-" or "_". */
export const API_KEY_PATTERN = /^sk-sy-[A-Za-z0-9_-]{16,}$/;
/** The pattern in words, for error messages. */
export const API_KEY_FORMAT = "sk-sy- followed by at least 16 letters, digits, - or _";

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

export const isWellFormedApiKey = (key: string): boolean => API_KEY_PATTERN.test(key);

/** SHA-256 hex of a key: what is stored and looked up (the key itself is never stored). */
export const hashApiKey = (key: string): string => createHash("sha256").update(key).digest("hex");

export const apiKeyPrefix = (key: string): string => key.slice(0, VISIBLE_PREFIX_LENGTH);
