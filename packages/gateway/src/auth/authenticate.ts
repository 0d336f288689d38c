import { type ApiKeyInfo, hashApiKey, unauthorized } from "@switchyard/core";
import { extractApiKey } from "./extract-api-key";
import type { KeyCache } from "./key-cache";

type Headers = Record<string, string | string[] | undefined>;

function check(key: ApiKeyInfo | null, now: number): ApiKeyInfo {
  if (key === null) throw unauthorized("Invalid API key.");
  // A secret replaced by a rotation, past its grace period: as unknown as any other bad key.
  if (key.secretExpiresAt != null && key.secretExpiresAt.getTime() <= now) {
    throw unauthorized("Invalid API key.");
  }
  if (key.revokedAt !== null) throw unauthorized("This API key has been revoked.", "key_revoked");
  if (key.expiresAt !== null && key.expiresAt.getTime() <= now) {
    throw unauthorized(`This API key expired at ${key.expiresAt.toISOString()}.`, "key_expired");
  }
  return key;
}

/**
 * The key behind the request's credentials, or a 401. Synchronous when the cache is warm (the
 * common case), so the hot path does not pay for a promise.
 */
export function authenticate(cache: KeyCache, headers: Headers): ApiKeyInfo | Promise<ApiKeyInfo> {
  const presented = extractApiKey(headers);
  if (presented === null) {
    throw unauthorized(
      "Missing API key: send it as 'Authorization: Bearer <key>' or in the 'x-api-key' header.",
      "missing_api_key",
    );
  }
  const found = cache.get(hashApiKey(presented));
  if (found instanceof Promise) return found.then((key) => check(key, cache.now()));
  return check(found, cache.now());
}
