/**
 * Who is calling the management API: the signed-in user (next-auth session) or the owner of an
 * admin token (`Authorization: Bearer sya-...`), with their role in every team.
 */
import { createHash } from "node:crypto";
import { getToken } from "next-auth/jwt";
import type { Role } from "@/lib/contract";
import { sessionTokenSchema } from "../auth-session";
import type { Prisma } from "../db";
import { getEnv } from "../env";

export interface Actor {
  userId: string;
  email: string;
  /** The instance owner sees and manages every team. */
  isOwner: boolean;
  roles: ReadonlyMap<string, Role>;
  via: "session" | "token";
  /** The admin token the caller used (via "token"): its id and expiry (null = never). */
  token?: { id: string; expiresAt: Date | null };
}

export const ADMIN_TOKEN_PREFIX = "sya-";

export const hashAdminToken = (token: string) => createHash("sha256").update(token).digest("hex");

async function userFromToken(prisma: Prisma, header: string | null) {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  const token = match?.[1];
  if (!token?.startsWith(ADMIN_TOKEN_PREFIX)) return null;
  const record = await prisma.adminToken.findUnique({
    where: { hash: hashAdminToken(token) },
    include: { user: true },
  });
  const now = new Date();
  if (!record || record.revokedAt || (record.expiresAt && record.expiresAt <= now)) return null;
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > 60_000) {
    await prisma.adminToken.update({ where: { id: record.id }, data: { lastUsedAt: now } });
  }
  return {
    id: record.user.id,
    email: record.user.email,
    via: "token" as const,
    token: { id: record.id, expiresAt: record.expiresAt },
  };
}

function cookiesOf(request: Request): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0)
      cookies.set(part.slice(0, index).trim(), decodeURIComponent(part.slice(index + 1).trim()));
  }
  return cookies;
}

/** The next-auth session (JWT cookie) carried by the request itself, so no request scope is needed. */
async function userFromSession(request: Request) {
  const token = await getToken({
    req: { cookies: cookiesOf(request), headers: new Headers() } as never,
    secret: getEnv().nextAuthSecret,
  });
  const parsed = sessionTokenSchema.safeParse(token);
  if (!parsed.success) return null;
  return {
    id: parsed.data.sub,
    email: parsed.data.email,
    via: "session" as const,
    sessionEpoch: parsed.data.sessionEpoch,
  };
}

export async function resolveActor(prisma: Prisma, request: Request): Promise<Actor | null> {
  const fromToken = await userFromToken(prisma, request.headers.get("authorization"));
  const identity = fromToken ?? (await userFromSession(request));
  if (!identity) return null;
  const user = await prisma.user.findUnique({
    where: { id: identity.id },
    include: { memberships: { select: { teamId: true, role: true } } },
  });
  if (!user) return null;
  // A session from before the user's last sign-out is over (the epoch moved on).
  if (identity.via === "session" && identity.sessionEpoch !== user.sessionEpoch) return null;
  return {
    userId: user.id,
    email: user.email,
    isOwner: user.isOwner,
    roles: new Map(user.memberships.map((m) => [m.teamId, m.role as Role])),
    via: identity.via,
    ...(identity.via === "token" ? { token: identity.token } : {}),
  };
}
