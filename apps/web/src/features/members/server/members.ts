import type { Role } from "@/lib/contract";
import { badRequest, forbidden, notFound } from "@/server/admin/errors";
import { roleIn } from "@/server/admin/permissions";
import type { HandlerContext } from "@/server/admin/route";
import type { Prisma } from "@/server/db";
import type { listMembers, removeMember, updateMember } from "../contract";

type MembershipWithUser = {
  userId: string;
  role: Role;
  createdAt: Date;
  user: { email: string; name: string | null };
};

/** The user fields a member's view shows. */
const withUser = { user: { select: { email: true, name: true } } } as const;

const toMemberView = (membership: MembershipWithUser) => ({
  userId: membership.userId,
  email: membership.user.email,
  name: membership.user.name,
  role: membership.role,
  joinedAt: membership.createdAt.toISOString(),
});

export async function listMembersHandler({ params, prisma }: HandlerContext<typeof listMembers>) {
  const memberships = await prisma.membership.findMany({
    where: { teamId: params.teamId },
    include: withUser,
    orderBy: { createdAt: "asc" },
  });
  return { members: memberships.map(toMemberView) };
}

async function findMembership(prisma: Prisma, teamId: string, userId: string) {
  const membership = await prisma.membership.findUnique({
    where: { userId_teamId: { userId, teamId } },
    include: withUser,
  });
  if (!membership) throw notFound("Member not found");
  return membership;
}

type Tx = Parameters<Parameters<Prisma["$transaction"]>[0]>[0];

/** Owners of the team, counted under a row lock so two concurrent demotions cannot both pass. */
async function ownerCount(tx: Tx, teamId: string) {
  await tx.$queryRaw`select id from memberships where team_id = ${teamId} and role = 'owner' for update`;
  return tx.membership.count({ where: { teamId, role: "owner" } });
}

/**
 * Refuses (with `refusal`) to demote or remove the team's last owner; the owners are counted under
 * a row lock, so two concurrent demotions cannot both pass.
 */
async function keepLastOwner(tx: Tx, membership: { teamId: string; role: Role }, refusal: string) {
  if (membership.role === "owner" && (await ownerCount(tx, membership.teamId)) <= 1) {
    throw badRequest(refusal);
  }
}

export async function updateMemberHandler({
  actor,
  params,
  body,
  prisma,
  audit,
}: HandlerContext<typeof updateMember>) {
  const membership = await findMembership(prisma, params.teamId, params.userId);
  const callerRole = roleIn(actor, params.teamId);
  if (callerRole !== "owner" && (body.role === "owner" || membership.role === "owner")) {
    throw forbidden("Only an owner can make someone an owner or change an owner's role.");
  }
  if (membership.role === body.role) return { member: toMemberView(membership) };
  const updated = await prisma.$transaction(async (tx) => {
    await keepLastOwner(
      tx,
      membership,
      "The team's last owner cannot be demoted: make someone else owner first.",
    );
    const result = await tx.membership.update({
      where: { id: membership.id },
      data: { role: body.role },
      include: withUser,
    });
    await audit(
      {
        action: "member.update",
        targetType: "membership",
        targetId: membership.userId,
        before: { email: membership.user.email, role: membership.role },
        after: { email: result.user.email, role: result.role },
      },
      tx,
    );
    return result;
  });
  return { member: toMemberView(updated) };
}

export async function removeMemberHandler({
  actor,
  params,
  prisma,
  audit,
}: HandlerContext<typeof removeMember>) {
  const membership = await findMembership(prisma, params.teamId, params.userId);
  if (membership.role === "owner" && roleIn(actor, params.teamId) !== "owner") {
    throw forbidden("Only an owner can remove an owner.");
  }
  await prisma.$transaction(async (tx) => {
    await keepLastOwner(tx, membership, "The team's last owner cannot be removed.");
    await tx.membership.delete({ where: { id: membership.id } });
    await audit(
      {
        action: "member.remove",
        targetType: "membership",
        targetId: membership.userId,
        before: { email: membership.user.email, role: membership.role },
      },
      tx,
    );
  });
  return { removed: true as const };
}
