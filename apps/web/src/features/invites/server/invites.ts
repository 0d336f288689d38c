import type { Role } from "@/lib/contract";
import { conflict, forbidden, notFound } from "@/server/admin/errors";
import { roleIn } from "@/server/admin/permissions";
import type { HandlerContext } from "@/server/admin/route";
import type { createInvite, listInvites, revokeInvite } from "../contract";
import { generateInviteToken, hashInviteToken, INVITE_TTL_MS, invitePath } from "./invite-token";

type InviteRecord = {
  id: string;
  email: string;
  role: Role;
  expiresAt: Date;
  acceptedAt: Date | null;
  createdAt: Date;
  createdBy: { email: string } | null;
};

const toInviteView = (invite: InviteRecord) => ({
  id: invite.id,
  email: invite.email,
  role: invite.role,
  expiresAt: invite.expiresAt.toISOString(),
  acceptedAt: invite.acceptedAt?.toISOString() ?? null,
  createdAt: invite.createdAt.toISOString(),
  createdBy: invite.createdBy?.email ?? null,
});

const withCreator = { createdBy: { select: { email: true } } } as const;

export async function listInvitesHandler({ params, prisma }: HandlerContext<typeof listInvites>) {
  const invites = await prisma.invite.findMany({
    where: { teamId: params.teamId },
    include: withCreator,
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  return { invites: invites.map(toInviteView) };
}

export async function createInviteHandler({
  actor,
  params,
  body,
  prisma,
  audit,
}: HandlerContext<typeof createInvite>) {
  if (body.role === "owner" && roleIn(actor, params.teamId) !== "owner") {
    throw forbidden("Only an owner can invite an owner.");
  }
  const existing = await prisma.membership.findFirst({
    where: { teamId: params.teamId, user: { email: body.email } },
  });
  if (existing) throw conflict(`${body.email} is already a member of this team.`);
  const token = generateInviteToken();
  const invite = await prisma.$transaction(async (tx) => {
    const created = await tx.invite.create({
      data: {
        teamId: params.teamId,
        email: body.email,
        role: body.role,
        tokenHash: hashInviteToken(token),
        expiresAt: new Date(Date.now() + INVITE_TTL_MS),
        createdById: actor.userId,
      },
      include: withCreator,
    });
    await audit(
      {
        action: "invite.create",
        targetType: "invite",
        targetId: created.id,
        after: { email: created.email, role: created.role, expiresAt: created.expiresAt },
      },
      tx,
    );
    return created;
  });
  return { invite: toInviteView(invite), token, path: invitePath(token) };
}

export async function revokeInviteHandler({
  params,
  prisma,
  audit,
}: HandlerContext<typeof revokeInvite>) {
  const invite = await prisma.invite.findFirst({
    where: { id: params.inviteId, teamId: params.teamId },
  });
  if (!invite) throw notFound("Invite not found");
  if (invite.acceptedAt) throw conflict("This invite was already accepted.");
  await prisma.$transaction(async (tx) => {
    await tx.invite.delete({ where: { id: invite.id } });
    await audit(
      {
        action: "invite.revoke",
        targetType: "invite",
        targetId: invite.id,
        before: { email: invite.email, role: invite.role },
      },
      tx,
    );
  });
  return { revoked: true as const };
}
