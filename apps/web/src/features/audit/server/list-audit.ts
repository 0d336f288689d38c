import { badRequest } from "@/server/admin/errors";
import type { HandlerContext } from "@/server/admin/route";
import type { listAudit } from "../contract";

/**
 * Newest first, keyset-paginated: the cursor is the id of the last entry of the previous page
 * (ties on createdAt are broken by id, so no entry is skipped or repeated).
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
  return {
    entries: page.map((row) => ({
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      actor: row.actor,
      before: row.before,
      after: row.after,
    })),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
