import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  apiKeyPrefix,
  generateApiKey,
  hashApiKey,
  isWellFormedApiKey,
  randomBase62,
} from "./api-keys";

describe("API keys", () => {
  it("generates sk-sy- followed by 32 base62 characters", () => {
    const key = generateApiKey();
    expect(key).toMatch(/^sk-sy-[0-9A-Za-z]{32}$/);
    expect(generateApiKey()).not.toBe(key);
    expect(isWellFormedApiKey(key)).toBe(true);
  });

  it("uses all of the base62 alphabet", () => {
    const seen = new Set(randomBase62(5000));
    expect(seen.size).toBe(62);
  });

  it("hashes with SHA-256 hex and keeps a 10-character visible prefix", () => {
    const key = "sk-sy-AbCdEfGhIjKlMnOpQrStUvWxYz012345";
    expect(hashApiKey(key)).toBe(createHash("sha256").update(key).digest("hex"));
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(apiKeyPrefix(key)).toBe("sk-sy-AbCd");
  });

  it("accepts the app's demo key format and rejects junk", () => {
    expect(isWellFormedApiKey("sk-sy-demo-abcdefghijklmnopqrstuvwxyz")).toBe(true);
    // The shortest key the app's configuration accepts (SWITCHYARD_DEMO_KEY) is storable too.
    expect(isWellFormedApiKey("sk-sy-AbCdEfGh12345678")).toBe(true);
    expect(isWellFormedApiKey("sk-sy-AbCdEfGh1234567")).toBe(false);
    expect(isWellFormedApiKey("sk-AbCdEfGhIjKlMnOpQrStUvWxYz")).toBe(false);
    expect(isWellFormedApiKey("sk-short")).toBe(false);
    expect(isWellFormedApiKey("pk-sy-AbCdEfGhIjKlMnOpQrStUvWxYz")).toBe(false);
  });
});
