import { describe, expect, it } from "vitest";
import { adminTestDatabase } from "@/server/admin/testing";
import { LOGIN_LIMITS, loginSucceeded, reserveLoginAttempt } from "./login-throttle";

const db = adminTestDatabase();

const t0 = new Date("2026-06-01T12:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
let counter = 0;
const fresh = () => {
  counter += 1;
  return { email: `who-${counter}@example.test`, address: `10.0.0.${counter}` };
};

async function fail(who: { email: string; address: string }, times: number, now = t0) {
  const verdicts = [];
  for (let i = 0; i < times; i += 1) verdicts.push(await reserveLoginAttempt(db.prisma, who, now));
  return verdicts;
}

describe("login throttling", () => {
  it("refuses an account after its attempts in the window, saying when to retry", async () => {
    const who = fresh();
    const limit = LOGIN_LIMITS.account.attempts;
    const verdicts = await fail(who, limit + 2);
    expect(verdicts.slice(0, limit).every((v) => v.allowed)).toBe(true);
    expect(verdicts.slice(limit)).toEqual([
      { allowed: false, retryAfterSeconds: LOGIN_LIMITS.windowMs / 1000 },
      { allowed: false, retryAfterSeconds: LOGIN_LIMITS.windowMs / 1000 },
    ]);
    // The same account from elsewhere is refused too; another account from here is not.
    const elsewhere = await reserveLoginAttempt(
      db.prisma,
      { ...who, address: "10.9.9.9" },
      at(60_000),
    );
    expect(elsewhere).toEqual({
      allowed: false,
      retryAfterSeconds: LOGIN_LIMITS.windowMs / 1000 - 60,
    });
    expect(
      (await reserveLoginAttempt(db.prisma, { ...fresh(), address: who.address }, t0)).allowed,
    ).toBe(true);
    // The window ends.
    expect((await reserveLoginAttempt(db.prisma, who, at(LOGIN_LIMITS.windowMs))).allowed).toBe(
      true,
    );
  });

  it("forgets an account's failures when it signs in", async () => {
    const who = fresh();
    await fail(who, LOGIN_LIMITS.account.attempts - 1);
    await loginSucceeded(db.prisma, who);
    const verdicts = await fail(who, LOGIN_LIMITS.account.attempts);
    expect(verdicts.every((v) => v.allowed)).toBe(true);
  });

  it("refuses an address after its attempts across many accounts", async () => {
    const address = "10.200.0.1";
    const limit = LOGIN_LIMITS.address.attempts;
    for (let i = 0; i < limit; i += 1) {
      const verdict = await reserveLoginAttempt(
        db.prisma,
        { email: `spray-${i}@x.test`, address },
        t0,
      );
      expect(verdict.allowed).toBe(true);
    }
    const refused = await reserveLoginAttempt(
      db.prisma,
      { email: "spray-last@x.test", address },
      t0,
    );
    expect(refused.allowed).toBe(false);
  });

  it("counts concurrent attempts exactly (several console instances, one table)", async () => {
    const who = fresh();
    const verdicts = await Promise.all(
      Array.from({ length: 40 }, () => reserveLoginAttempt(db.prisma, who, t0)),
    );
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(LOGIN_LIMITS.account.attempts);
  });
});
