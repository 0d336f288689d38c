import { randomBytes } from "node:crypto";
import type { Actor } from "@/server/admin/actor";
import { ADMIN_TOKEN_PREFIX, hashAdminToken } from "@/server/admin/actor";
import { badRequest, notFound } from "@/server/admin/errors";
import type { HandlerContext } from "@/server/admin/route";
import type { createAdminToken, listAdminTokens, revokeAdminToken } from "../contract";

type TokenRecord = {
  id: string;
  name: string;
  prefix: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
};

const toTokenView = (token: TokenRecord) => ({
  id: token.id,
  name: token.name,
  prefix: token.prefix,
  expiresAt: token.expiresAt?.toISOString() ?? null,
  revokedAt: token.revokedAt?.toISOString() ?? null,
  lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  createdAt: token.createdAt.toISOString(),
});

/** "sya-" + 32 random bytes, base64url. */
export const generateAdminToken = () =>
  `${ADMIN_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;

export async function listAdminTokensHandler({
  actor,
  prisma,
}: HandlerContext<typeof listAdminTokens>) {
  const tokens = await prisma.adminToken.findMany({
    where: { userId: actor.userId },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  });
  return { tokens: tokens.map(toTokenView) };
}

/**
 * A token made with a token never outlives it: it must expire no later than its parent (a parent
 * that never expires sets no bound), and revoking the parent revokes it (parentId).
 */
function checkLifetime(parent: Actor["token"], expiresAt: Date | null) {
  if (!parent?.expiresAt) return;
  if (expiresAt === null || expiresAt > parent.expiresAt) {
    const by = parent.expiresAt.toISOString();
    throw badRequest(`body.expiresAt: a token can only create tokens that expire by ${by}`, [
      {
        path: "body.expiresAt",
        message: `must be set, and no later than ${by} (this token's expiry)`,
      },
    ]);
  }
}

export async function createAdminTokenHandler({
  actor,
  body,
  prisma,
  audit,
}: HandlerContext<typeof createAdminToken>) {
  const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
  checkLifetime(actor.token, expiresAt);
  const secret = generateAdminToken();
  const token = await prisma.$transaction(async (tx) => {
    const created = await tx.adminToken.create({
      data: {
        userId: actor.userId,
        name: body.name,
        hash: hashAdminToken(secret),
        prefix: secret.slice(0, 10),
        expiresAt,
        parentId: actor.token?.id ?? null,
      },
    });
    await audit(
      {
        action: "admin_token.create",
        targetType: "admin_token",
        targetId: created.id,
        teamId: null,
        after: { name: created.name, prefix: created.prefix, expiresAt: created.expiresAt },
      },
      tx,
    );
    return created;
  });
  return { token: toTokenView(token), secret };
}

export async function revokeAdminTokenHandler({
  actor,
  params,
  prisma,
  audit,
}: HandlerContext<typeof revokeAdminToken>) {
  const token = await prisma.adminToken.findFirst({
    where: { id: params.tokenId, userId: actor.userId },
  });
  if (!token) throw notFound("Token not found");
  if (token.revokedAt) return { token: toTokenView(token) };
  const revoked = await prisma.$transaction(async (tx) => {
    const now = new Date();
    const updated = await tx.adminToken.update({
      where: { id: token.id },
      data: { revokedAt: now },
    });
    // And every token made with it, however deep.
    let parents = [token.id];
    while (parents.length > 0) {
      const children = await tx.adminToken.findMany({
        where: { parentId: { in: parents }, revokedAt: null },
        select: { id: true },
      });
      parents = children.map((child) => child.id);
      if (parents.length > 0) {
        await tx.adminToken.updateMany({
          where: { id: { in: parents } },
          data: { revokedAt: now },
        });
      }
    }
    await audit(
      {
        action: "admin_token.revoke",
        targetType: "admin_token",
        targetId: token.id,
        teamId: null,
        before: { name: token.name, prefix: token.prefix, revokedAt: null },
        after: { name: updated.name, prefix: updated.prefix, revokedAt: updated.revokedAt },
      },
      tx,
    );
    return updated;
  });
  return { token: toTokenView(revoked) };
}
