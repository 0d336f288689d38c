/**
 * The authorisation test: walks EVERY endpoint of the registry (server/admin/registry.ts) as
 * every kind of caller and checks the access rules the management API promises:
 *
 * - no credentials → 401, for every endpoint;
 * - a caller with no role in the team of a team-scoped path → 404 (the team's existence is hidden);
 * - a role below the endpoint's minimum → 403; viewers never pass a team-scoped write endpoint;
 * - every role at or above the minimum (and the instance owner) gets past the access check (the
 *   handler may still answer 4xx for its own reasons, e.g. an unknown id; never 401, never a 5xx);
 * - "signed-in" endpoints accept any user; "instance-owner" endpoints refuse everyone else (403);
 * - "team-creator" endpoints refuse everyone but the instance owner (403) under the default
 *   instance settings, and accept any signed-in user once the settings let anyone create teams;
 * - a resource of ANOTHER team put under your own team's path → 404 (for every path parameter
 *   besides teamId, e.g. /teams/<mine>/keys/<their key>), for a team owner and the instance owner.
 *
 * How endpoints plug in: registry.ts lists every registered endpoint (contract + handler, from the
 * features' server/endpoints.ts); the walk sends each request through `handleAdminRequest`, the
 * catch-all route's handler, so it also checks that each method + path reaches its endpoint.
 * server/admin/endpoint-fixtures.ts says how to create a real resource for each kind of path
 * parameter (`paramFixtures`) and, when the generic generator cannot build one from the zod
 * schema, a valid body (`bodySamples`). The first tests below fail when a registered endpoint
 * lacks any of these, so a new endpoint cannot slip past the walk.
 */
import { createMembership, createTeam } from "@switchyard/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { buildPath, type Endpoint, type Role, roleRank } from "@/lib/contract";
import { paramFixtures, sampleBody } from "./endpoint-fixtures";
import { adminEndpoints, handleAdminRequest, matchAdminRoute } from "./registry";
import { adminTestDatabase, callRoute, createTokenUser } from "./testing";

const roles: Role[] = ["viewer", "member", "admin", "owner"];
const PLACEHOLDER = "cl0000000000000000000none";

const db = adminTestDatabase();
let teamA: string;
let teamB: string;
const tokens = {} as Record<Role | "outsider" | "instanceOwner", string>;

beforeAll(async () => {
  teamA = (await createTeam(db.prisma, { name: "Team A" })).id;
  teamB = (await createTeam(db.prisma, { name: "Team B" })).id;
  for (const role of roles) {
    const { user, token } = await createTokenUser(db.prisma);
    await createMembership(db.prisma, { userId: user.id, teamId: teamA, role });
    // Everyone is owner of team B too, so a 404 for B's resources under A is about the path.
    if (role !== "owner") tokens[role] = token;
    else {
      tokens.owner = token;
      await createMembership(db.prisma, { userId: user.id, teamId: teamB, role: "owner" });
    }
  }
  tokens.outsider = (await createTokenUser(db.prisma)).token;
  tokens.instanceOwner = (await createTokenUser(db.prisma, { isOwner: true })).token;
}, 60_000);

const pathParams = (endpoint: Endpoint) =>
  [...endpoint.path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1] as string);
const extraParams = (endpoint: Endpoint) => pathParams(endpoint).filter((p) => p !== "teamId");
const teamScoped = (endpoint: Endpoint) => typeof endpoint.access === "object";
const minimumRole = (endpoint: Endpoint): Role | null => {
  if (typeof endpoint.access !== "object") return null;
  return endpoint.write && endpoint.access.team === "viewer" ? "member" : endpoint.access.team;
};

function placeholderParams(endpoint: Endpoint, teamId: string) {
  return Object.fromEntries(
    pathParams(endpoint).map((name) => [name, name === "teamId" ? teamId : PLACEHOLDER]),
  );
}

function call(endpoint: Endpoint, token: string | undefined, params: Record<string, string>) {
  return callRoute(handleAdminRequest, {
    method: endpoint.method,
    path: buildPath(endpoint.path, params),
    token,
    body: sampleBody(endpoint),
  });
}

type Result = Awaited<ReturnType<typeof call>>;
const messageOf = (result: Result) =>
  (result.json as { error?: { message?: string } } | null)?.error?.message ?? "";

/** The access layer let the caller through (whatever the handler then decided). */
function expectPastAccessCheck(result: Result, label: string) {
  const message = messageOf(result);
  expect(result.status, `${label}: ${message}`).not.toBe(401);
  expect(result.status, `${label}: ${message}`).toBeLessThan(500);
  if (result.status === 404) expect(message, label).not.toBe("Team not found");
  if (result.status === 403) {
    expect(message, label).not.toMatch(/^This needs the \w+ role|^Only the instance owner/);
  }
}

describe("every registered endpoint can be walked", () => {
  it("is reached by its method and path (no other pattern shadows it)", () => {
    const misrouted = adminEndpoints
      .map((e) => {
        const path = buildPath(e.path, placeholderParams(e, teamA));
        const match = matchAdminRoute(e.method, path);
        const reached = match.kind === "found" ? match.entry.endpoint.id : match.kind;
        return reached === e.id ? null : `${e.method} ${e.path} (${e.id}) → ${reached}`;
      })
      .filter((line) => line !== null);
    expect(misrouted).toEqual([]);
  });

  it("has a fixture for each path parameter besides teamId", () => {
    const missing = adminEndpoints.flatMap((e) =>
      extraParams(e)
        .filter((name) => !paramFixtures[name])
        .map((name) => `${e.id}: ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it("has a valid sample body when it takes one", () => {
    const invalid = adminEndpoints
      .filter((e) => e.body && !e.body.safeParse(sampleBody(e)).success)
      .map((e) => e.id);
    expect(invalid).toEqual([]);
  });

  it("has a unique id and method + path", () => {
    const ids = adminEndpoints.map((e) => e.id);
    const routes = adminEndpoints.map((e) => `${e.method} ${e.path}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(routes).size).toBe(routes.length);
  });
});

describe.each(adminEndpoints.map((e) => [`${e.method} ${e.path} (${e.id})`, e] as const))(
  "%s",
  (_label, endpoint) => {
    const minimum = minimumRole(endpoint);

    it("answers 401 without credentials", async () => {
      const result = await call(endpoint, undefined, placeholderParams(endpoint, teamA));
      expect(result.status).toBe(401);
    });

    if (teamScoped(endpoint) && minimum) {
      it("answers 404 to a signed-in caller with no role in the team", async () => {
        const result = await call(endpoint, tokens.outsider, placeholderParams(endpoint, teamA));
        expect(result.status).toBe(404);
        expect(messageOf(result)).toBe("Team not found");
      });

      it(`answers 403 to roles below ${minimum}${endpoint.write ? " (and always to viewers: a write)" : ""}`, async () => {
        const below = roles.filter((role) => roleRank[role] < roleRank[minimum]);
        if (endpoint.write) expect(below).toContain("viewer");
        for (const role of below) {
          const result = await call(endpoint, tokens[role], placeholderParams(endpoint, teamA));
          expect(result.status, `${role}: ${messageOf(result)}`).toBe(403);
        }
      });

      it(`lets ${minimum} and above (and the instance owner) past the access check`, async () => {
        const allowed = roles.filter((role) => roleRank[role] >= roleRank[minimum]);
        for (const who of [...allowed, "instanceOwner" as const]) {
          const result = await call(endpoint, tokens[who], placeholderParams(endpoint, teamA));
          expectPastAccessCheck(result, who);
        }
      });

      if (extraParams(endpoint).length > 0) {
        it("answers 404 for another team's resources under your team's path", async () => {
          const params: Record<string, string> = { teamId: teamA };
          for (const name of extraParams(endpoint)) {
            const fixture = paramFixtures[name];
            if (!fixture) throw new Error(`no fixture for path parameter ${name}`);
            params[name] = await fixture({ prisma: db.prisma, teamId: teamB });
          }
          for (const who of ["owner", "instanceOwner"] as const) {
            const result = await call(endpoint, tokens[who], params);
            expect(result.status, `${who}: ${messageOf(result)}`).toBe(404);
          }
        });
      }
    }

    if (endpoint.access === "signed-in") {
      it("lets any signed-in user past the access check", async () => {
        for (const who of [...roles, "outsider" as const, "instanceOwner" as const]) {
          const result = await call(endpoint, tokens[who], placeholderParams(endpoint, teamA));
          expectPastAccessCheck(result, who);
        }
      });
    }

    if (endpoint.access === "team-creator") {
      it("answers 403 to all but the instance owner, unless any user may create teams", async () => {
        const params = placeholderParams(endpoint, teamA);
        for (const who of [...roles, "outsider" as const]) {
          expect((await call(endpoint, tokens[who], params)).status, who).toBe(403);
        }
        expectPastAccessCheck(await call(endpoint, tokens.instanceOwner, params), "instanceOwner");
        await db.prisma.instanceSettings.create({ data: { id: 1, teamCreation: "any_user" } });
        try {
          for (const who of [...roles, "outsider" as const]) {
            expectPastAccessCheck(await call(endpoint, tokens[who], params), who);
          }
        } finally {
          await db.prisma.instanceSettings.delete({ where: { id: 1 } });
        }
      });
    }

    if (endpoint.access === "instance-owner") {
      it("answers 403 to everyone but the instance owner", async () => {
        for (const who of [...roles, "outsider" as const]) {
          const result = await call(endpoint, tokens[who], placeholderParams(endpoint, teamA));
          expect(result.status, who).toBe(403);
        }
        const result = await call(
          endpoint,
          tokens.instanceOwner,
          placeholderParams(endpoint, teamA),
        );
        expectPastAccessCheck(result, "instanceOwner");
      });
    }
  },
);
