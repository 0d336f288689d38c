/**
 * Test support for the management API: a throw-away database wired into the app's Prisma slot,
 * admin tokens for users, and ways to call an endpoint's handler as the catch-all route would
 * (`callEndpoint` by endpoint id, from the registry) or any handler (`callRoute`).
 */
import { randomBytes } from "node:crypto";
import type { Role } from "@switchyard/core";
import { createPrisma } from "@switchyard/db";
import {
  createMembership,
  createTeam,
  createTestDatabase,
  createUser,
} from "@switchyard/db/testing";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll } from "vitest";
import { buildPath } from "@/lib/contract";
import { setPrisma } from "../db";
import { getEnv } from "../env";
import { ADMIN_TOKEN_PREFIX, hashAdminToken } from "./actor";
import { adminEndpoints, routeTable } from "./registry";

type Prisma = ReturnType<typeof createPrisma>;

export async function setUpAdminTestDatabase() {
  const database = await createTestDatabase();
  const prisma = createPrisma(database.url);
  setPrisma(prisma);
  return {
    prisma,
    url: database.url,
    async tearDown() {
      await prisma.$disconnect();
      await database.drop();
    },
  };
}

/**
 * Gives a test file a throw-away database for all its tests: set up before the first, dropped
 * after the last. Read `prisma` inside tests and hooks registered after this call.
 */
export function adminTestDatabase(): { readonly prisma: Prisma } {
  let database: Awaited<ReturnType<typeof setUpAdminTestDatabase>> | undefined;
  beforeAll(async () => {
    database = await setUpAdminTestDatabase();
  }, 60_000);
  afterAll(async () => {
    await database?.tearDown();
  });
  return {
    get prisma() {
      if (!database) throw new Error("the test database is set up in beforeAll");
      return database.prisma;
    },
  };
}

/** A user with an admin token; the token authenticates as the user in `callRoute`. */
export async function createTokenUser(
  prisma: Prisma,
  input: { isOwner?: boolean; email?: string } = {},
) {
  const user = await createUser(prisma, input);
  const token = `${ADMIN_TOKEN_PREFIX}${randomBytes(24).toString("base64url")}`;
  await prisma.adminToken.create({
    data: {
      userId: user.id,
      name: "test",
      hash: hashAdminToken(token),
      prefix: token.slice(0, 10),
    },
  });
  return { user, token };
}

type TokenUser = Awaited<ReturnType<typeof createTokenUser>>;

/** A new token user who is a member of the team in the role. */
export async function addTokenMember(prisma: Prisma, teamId: string, role: Role) {
  const created = await createTokenUser(prisma);
  await createMembership(prisma, { userId: created.user.id, teamId, role });
  return created;
}

/** A new team with a new token user in each of the roles, in their order. */
export async function createTeamWithTokenUsers<const R extends readonly Role[]>(
  prisma: Prisma,
  roles: R,
  team: Parameters<typeof createTeam>[1] = {},
) {
  const teamId = (await createTeam(prisma, team)).id;
  const members: TokenUser[] = [];
  for (const role of roles) members.push(await addTokenMember(prisma, teamId, role));
  return {
    teamId,
    members: members as { [K in keyof R]: TokenUser },
    tokens: members.map((m) => m.token) as { [K in keyof R]: string },
  };
}

type Handler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export interface CallInput {
  method?: string;
  path: string;
  token?: string;
  /** The path's parameters, as the catch-all route passes them. */
  params?: Record<string, string>;
  body?: unknown;
  /** Extra request headers (cookie, origin, sec-fetch-site, content-type...). */
  headers?: Record<string, string>;
}

/** Where callRoute's requests go (the console's own origin, for same-origin checks). */
export const TEST_ORIGIN = "http://localhost";

export async function callRoute(handler: Handler, input: CallInput) {
  const headers: Record<string, string> = {};
  if (input.token) headers.authorization = `Bearer ${input.token}`;
  if (input.body !== undefined) headers["content-type"] = "application/json";
  Object.assign(headers, input.headers);
  const request = new Request(`${TEST_ORIGIN}${input.path}`, {
    method: input.method ?? "GET",
    headers,
    body: input.body === undefined ? undefined : JSON.stringify(input.body),
  });
  const response = await handler(request, { params: Promise.resolve(input.params ?? {}) });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : null };
}

/**
 * A console session cookie (next-auth JWT) for the user, as a sign-in would set it; needs
 * NEXTAUTH_SECRET in the environment.
 */
export async function sessionCookieFor(user: { id: string; email: string; sessionEpoch: number }) {
  const secret = getEnv().nextAuthSecret;
  if (!secret) throw new Error("set NEXTAUTH_SECRET before making session cookies");
  const token = await encode({
    token: { sub: user.id, email: user.email, sessionEpoch: user.sessionEpoch },
    secret,
  });
  return `next-auth.session-token=${token}`;
}

const endpointsById = new Map(adminEndpoints.map((endpoint) => [endpoint.id, endpoint]));

/**
 * Calls the handler registered for an endpoint id (e.g. "keys.create") in registry.ts. The method
 * and path default to the endpoint's own (the path filled in from `params`).
 */
export function callEndpoint(id: string, input: Omit<CallInput, "path"> & { path?: string } = {}) {
  const handler = routeTable[id];
  const endpoint = endpointsById.get(id);
  if (!handler || !endpoint) throw new Error(`no endpoint ${id} in the registry`);
  return callRoute(handler, {
    ...input,
    method: input.method ?? endpoint.method,
    path: input.path ?? buildPath(endpoint.path, input.params),
  });
}
