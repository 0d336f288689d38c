/**
 * Turning an invite token into a membership: shared by the accept endpoint (signed-in users) and
 * the sign-up form on /invite/[token] (new users). A used or expired token is refused.
 */
import { hashPassword, normalizeEmail } from "@switchyard/db";
import { AdminError, conflict, forbidden, notFound } from "@/server/admin/errors";
import type { Prisma } from "@/server/db";
import { hashInviteToken, inviteState } from "./invite-token";

type Tx = Parameters<Parameters<Prisma["$transaction"]>[0]>[0];

export const gone = (message: string) => new AdminError(410, "invite_unusable", message);

/** The invite behind a token with its team, for the invite page (no secrets). */
export async function findInvite(prisma: Prisma, token: string) {
  const invite = await prisma.invite.findUnique({
    where: { tokenHash: hashInviteToken(token) },
    include: { team: { select: { id: true, name: true } } },
  });
  if (!invite) return null;
  return {
    email: invite.email,
    role: invite.role,
    team: invite.team,
    expiresAt: invite.expiresAt,
    state: inviteState(invite),
    hasAccount: (await prisma.user.count({ where: { email: invite.email } })) > 0,
  };
}

async function lockOpenInvite(tx: Tx, token: string) {
  const invite = await tx.invite.findUnique({ where: { tokenHash: hashInviteToken(token) } });
  if (!invite) throw notFound("This invite link is not valid.");
  // Claim it atomically: a second acceptance of the same token finds nothing to update.
  const claimed = await tx.invite.updateMany({
    where: { id: invite.id, acceptedAt: null, expiresAt: { gt: new Date() } },
    data: { acceptedAt: new Date() },
  });
  if (claimed.count === 0) {
    throw gone(
      invite.acceptedAt
        ? "This invite was already used. Ask a team admin for a new one."
        : "This invite has expired. Ask a team admin for a new one.",
    );
  }
  return invite;
}

async function join(tx: Tx, invite: { id: string; teamId: string; role: string }, userId: string) {
  const existing = await tx.membership.findUnique({
    where: { userId_teamId: { userId, teamId: invite.teamId } },
  });
  if (!existing) {
    await tx.membership.create({
      data: { userId, teamId: invite.teamId, role: invite.role as "member" },
    });
  }
  await tx.auditLog.create({
    data: {
      actorId: userId,
      teamId: invite.teamId,
      action: "invite.accept",
      targetType: "invite",
      targetId: invite.id,
      after: { userId, role: existing ? existing.role : invite.role },
    },
  });
  return tx.team.findUniqueOrThrow({ where: { id: invite.teamId } });
}

/** A signed-in user accepts: the invite's email must be theirs. */
export function acceptInviteAs(prisma: Prisma, token: string, user: { id: string; email: string }) {
  return prisma.$transaction(async (tx) => {
    const invite = await lockOpenInvite(tx, token);
    if (normalizeEmail(invite.email) !== normalizeEmail(user.email)) {
      throw forbidden(
        `This invite is for ${invite.email}; you are signed in as ${user.email}. Sign out and open the link again.`,
      );
    }
    return join(tx, invite, user.id);
  });
}

/** A new user: creates the account (the invite's email) and joins the team. */
export async function signUpWithInvite(
  prisma: Prisma,
  input: { token: string; name: string; password: string },
) {
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    const invite = await lockOpenInvite(tx, input.token);
    const email = normalizeEmail(invite.email);
    if (await tx.user.findUnique({ where: { email } })) {
      throw conflict("An account with this email exists: sign in to accept the invite.");
    }
    const user = await tx.user.create({ data: { email, name: input.name, passwordHash } });
    const team = await join(tx, invite, user.id);
    return { user, team };
  });
}
