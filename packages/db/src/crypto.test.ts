import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  DecryptionError,
  decryptSecret,
  EncryptionKeyError,
  encryptSecret,
  generateEncryptionKey,
  parseEncryptionKey,
} from "./crypto";

describe("credential encryption", () => {
  const key = generateEncryptionKey();

  it("round-trips a secret and never returns the plaintext in the ciphertext", () => {
    const cipher = encryptSecret("sk-live-1234567890", key);
    expect(cipher.startsWith("v1:")).toBe(true);
    expect(cipher).not.toContain("sk-live");
    expect(decryptSecret(cipher, key)).toBe("sk-live-1234567890");
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("same", key)).not.toBe(encryptSecret("same", key));
  });

  it("accepts the key as 64 hex characters or base64 and treats them alike", () => {
    const bytes = randomBytes(32);
    const cipher = encryptSecret("héllo ✓", bytes.toString("hex"));
    expect(decryptSecret(cipher, bytes.toString("base64"))).toBe("héllo ✓");
    expect(decryptSecret(cipher, bytes.toString("base64url"))).toBe("héllo ✓");
  });

  it("rejects keys that are not 32 bytes", () => {
    expect(() => parseEncryptionKey("abc")).toThrow(EncryptionKeyError);
    expect(() => parseEncryptionKey(randomBytes(16).toString("base64"))).toThrow(/32 bytes/);
  });

  it("fails cleanly with the wrong key or tampered data", () => {
    const cipher = encryptSecret("secret", key);
    expect(() => decryptSecret(cipher, generateEncryptionKey())).toThrow(DecryptionError);
    const bytes = Buffer.from(cipher.slice(3), "base64");
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    expect(() => decryptSecret(`v1:${bytes.toString("base64")}`, key)).toThrow(/cannot decrypt/);
    expect(() => decryptSecret("plain-text", key)).toThrow(/format/);
  });
});
