/**
 * The console's session cookie on the management API: a mutation it authenticates must come from
 * the console's own origin (Origin / Sec-Fetch-Site), and signing out ends the session on the
 * server, not only in the browser.
 */
import { decode } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { getAuthOptions } from "../auth";
import {
  adminTestDatabase,
  callEndpoint,
  createTeamWithTokenUsers,
  createTokenUser,
  sessionCookieFor,
  TEST_ORIGIN,
} from "./testing";

process.env.NEXTAUTH_SECRET = "test-secret-for-console-sessions-0123456789";

const db = adminTestDatabase();
let teamId: string;
let cookie: string;
let token: string;
let user: { id: string; email: string; sessionEpoch: number };

beforeAll(async () => {
  const team = await createTeamWithTokenUsers(db.prisma, ["admin"]);
  teamId = team.teamId;
  ({ user, token } = team.members[0]);
  cookie = await sessionCookieFor(user);
}, 60_000);

const budgetBody = JSON.stringify({ period: "month", limitUsd: "0.01", action: "block" });

/** POST a budget the way a page elsewhere could: a text/plain body with the victim's cookie. */
function createBudget(headers: Record<string, string>) {
  return callEndpoint("budgets.create", {
    method: "POST",
    path: `/api/admin/teams/${teamId}/budgets`,
    params: { teamId },
    body: JSON.parse(budgetBody),
    headers: { cookie, "content-type": "text/plain", ...headers },
  });
}

const budgets = () => db.prisma.budget.count({ where: { teamId } });

describe("cookie-authenticated mutations", () => {
  it("are refused from another origin, in the management API's error shape", async () => {
    const before = await budgets();
    const attempts: Record<string, string>[] = [
      { origin: "http://evil.example" },
      { origin: "http://evil.example", "sec-fetch-site": "cross-site" },
      { origin: TEST_ORIGIN, "sec-fetch-site": "same-site" },
      { origin: "null" },
      {},
    ];
    for (const headers of attempts) {
      const result = await createBudget(headers);
      expect(result.status, JSON.stringify(headers)).toBe(403);
      expect(result.json).toMatchObject({ error: { code: "forbidden" } });
    }
    expect(await budgets()).toBe(before);
  });

  it("pass from the console's own origin, and reads need no origin", async () => {
    const request = (headers: Record<string, string>) =>
      callEndpoint("budgets.create", {
        method: "POST",
        path: `/api/admin/teams/${teamId}/budgets`,
        params: { teamId },
        body: JSON.parse(budgetBody),
        headers: { cookie, ...headers },
      });
    expect((await request({ "sec-fetch-site": "same-origin" })).status).toBe(201);
    expect((await request({ origin: TEST_ORIGIN })).status).toBe(201);
    const read = await callEndpoint("budgets.list", {
      path: `/api/admin/teams/${teamId}/budgets`,
      params: { teamId },
      headers: { cookie },
    });
    expect(read.status).toBe(200);
  });

  it("do not concern admin tokens (no cookie, no origin)", async () => {
    const result = await callEndpoint("budgets.create", {
      method: "POST",
      path: `/api/admin/teams/${teamId}/budgets`,
      token,
      params: { teamId },
      body: JSON.parse(budgetBody),
    });
    expect(result.status).toBe(201);
  });
});

describe("signing out", () => {
  it("ends the session on the server: a saved cookie no longer works", async () => {
    const own = await createTokenUser(db.prisma);
    const saved = await sessionCookieFor(own.user);
    const list = () => callEndpoint("teams.list", { path: "/x", headers: { cookie: saved } });
    expect((await list()).status).toBe(200);

    // What next-auth does on POST /api/auth/signout with this cookie.
    const jwt = await decode({
      token: saved.slice(saved.indexOf("=") + 1),
      secret: process.env.NEXTAUTH_SECRET ?? "",
    });
    await getAuthOptions().events?.signOut?.({ token: jwt ?? {}, session: null as never });

    const after = await list();
    expect(after.status).toBe(401);
    // A new sign-in gets a session that works.
    const fresh = await db.prisma.user.findUniqueOrThrow({ where: { id: own.user.id } });
    const again = await callEndpoint("teams.list", {
      path: "/x",
      headers: { cookie: await sessionCookieFor(fresh) },
    });
    expect(again.status).toBe(200);
  });
});
