import { describe, expect, it } from "vitest";
import { keyStatus } from "./key-view";

describe("key view", () => {
  const now = new Date("2026-03-15T12:00:00Z");

  it("says revoked before expired, and active otherwise", () => {
    const past = new Date("2026-03-01T00:00:00Z");
    const future = new Date("2026-04-01T00:00:00Z");
    expect(keyStatus({ revokedAt: past, expiresAt: past }, now)).toBe("revoked");
    expect(keyStatus({ revokedAt: null, expiresAt: past }, now)).toBe("expired");
    expect(keyStatus({ revokedAt: null, expiresAt: future }, now)).toBe("active");
    expect(keyStatus({ revokedAt: null, expiresAt: null }, now)).toBe("active");
  });
});
