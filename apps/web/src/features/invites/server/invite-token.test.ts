import { describe, expect, it } from "vitest";
import { generateInviteToken, hashInviteToken, invitePath, inviteState } from "./invite-token";

describe("invite tokens", () => {
  it("are random, URL-safe and stored only as a SHA-256 hash", () => {
    const a = generateInviteToken();
    const b = generateInviteToken();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(hashInviteToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashInviteToken(a)).not.toContain(a);
    expect(invitePath(a)).toBe(`/invite/${a}`);
  });

  it("are open until accepted or expired", () => {
    const now = new Date("2026-01-10T00:00:00Z");
    const later = new Date("2026-01-11T00:00:00Z");
    const earlier = new Date("2026-01-09T00:00:00Z");
    expect(inviteState({ acceptedAt: null, expiresAt: later }, now)).toBe("open");
    expect(inviteState({ acceptedAt: null, expiresAt: earlier }, now)).toBe("expired");
    expect(inviteState({ acceptedAt: earlier, expiresAt: later }, now)).toBe("accepted");
  });
});
