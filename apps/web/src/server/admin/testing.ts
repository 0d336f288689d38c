/**
 * Test support for the management API: a throw-away database wired into the app's Prisma slot,
 * admin tokens for users, and a way to call a route handler as Next.js would.
 */
import { randomBytes } from "node:crypto";
import { createPrisma } from "@switchyard/db";
import { createTestDatabase, createUser } from "@switchyard/db/testing";
import { setPrisma } from "../db";
import { ADMIN_TOKEN_PREFIX, hashAdminToken } from "./actor";

type Prisma = ReturnType<typeof createPrisma>;

export async function setUpAdminTestDatabase() {
  const database = await createTestDatabase();
  const prisma = createPrisma(database.url);
  setPrisma(prisma);
  return {
    prisma,
    async tearDown() {
      await prisma.$disconnect();
      await database.drop();
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

type Handler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export async function callRoute(
  handler: Handler,
  input: {
    method?: string;
    path: string;
    token?: string;
    params?: Record<string, string>;
    body?: unknown;
  },
) {
  const headers: Record<string, string> = {};
  if (input.token) headers.authorization = `Bearer ${input.token}`;
  if (input.body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`http://localhost${input.path}`, {
    method: input.method ?? "GET",
    headers,
    body: input.body === undefined ? undefined : JSON.stringify(input.body),
  });
  const response = await handler(request, { params: Promise.resolve(input.params ?? {}) });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : null };
}
