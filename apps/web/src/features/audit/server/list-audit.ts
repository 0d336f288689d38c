import { badRequest } from "@/server/admin/errors";
import type { HandlerContext } from "@/server/admin/route";
import type { auditFacets, listAudit } from "../contract";
import { targetNames } from "./target-names";

/**
 * Newest first, keyset-paginated: the cursor is the id of the last entry of the previous page
 * (ties on createdAt are broken by id, so no entry is skipped or repeated). Filtered by action,
 * actor and target type; each entry's target is named where it is known (see targetNames).
 */
export async function listAuditHandler({
  params,
  query,
  prisma,
}: HandlerContext<typeof listAudit>) {
  let cursor: { createdAt: Date; id: string } | null = null;
  if (query.cursor) {
    cursor = await prisma.auditLog.findFirst({
      where: { id: query.cursor, teamId: params.teamId },
      select: { createdAt: true, id: true },
    });
    if (!cursor) throw badRequest("Unknown cursor");
  }
  const rows = await prisma.auditLog.findMany({
    where: {
      teamId: params.teamId,
      ...(query.action ? { action: query.action } : {}),
      ...(query.actorId ? { actorId: query.actorId } : {}),
      ...(query.targetType ? { targetType: query.targetType } : {}),
      ...(cursor
        ? {
            OR: [
              { createdAt: { lt: cursor.createdAt } },
              { createdAt: cursor.createdAt, id: { lt: cursor.id } },
            ],
          }
        : {}),
    },
    include: { actor: { select: { id: true, email: true, name: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const names = await targetNames(prisma, params.teamId, page);
  return {
    entries: page.map((row) => ({
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      targetName: row.targetId ? (names.get(`${row.targetType}:${row.targetId}`) ?? null) : null,
      actor: row.actor,
      before: row.before,
      after: row.after,
    })),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** The distinct actions, target types and actors of the team's log, for the filters. */
export async function auditFacetsHandler({ params, prisma }: HandlerContext<typeof auditFacets>) {
  const where = { teamId: params.teamId };
  const [actions, targetTypes, actorIds] = await Promise.all([
    prisma.auditLog.findMany({ where, distinct: ["action"], select: { action: true } }),
    prisma.auditLog.findMany({ where, distinct: ["targetType"], select: { targetType: true } }),
    prisma.auditLog.findMany({
      where: { ...where, actorId: { not: null } },
      distinct: ["actorId"],
      select: { actorId: true },
    }),
  ]);
  const actors = await prisma.user.findMany({
    where: { id: { in: actorIds.flatMap((row) => (row.actorId ? [row.actorId] : [])) } },
    select: { id: true, email: true, name: true },
    orderBy: { email: "asc" },
  });
  return {
    actions: actions.map((row) => row.action).sort(),
    targetTypes: targetTypes.map((row) => row.targetType).sort(),
    actors,
  };
}
