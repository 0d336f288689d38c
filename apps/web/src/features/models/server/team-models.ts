/**
 * The models a team may use, as the gateway resolves them: the team's own, then the
 * instance-shared ones when the instance owner allows the team, a shared model hidden when the
 * team's own models take its name (@switchyard/core model-scope.ts). The models table, key scopes,
 * policy validation and explanations all read this, so they agree with the gateway.
 */
import { buildModelScope } from "@switchyard/core";
import type { Prisma } from "@/server/db";

export interface TeamModelOptions {
  /** Only models that can serve requests (the model and its connection enabled), as the gateway. */
  usableOnly?: boolean;
}

export async function teamModelRows(
  prisma: Prisma,
  teamId: string,
  options: TeamModelOptions = {},
) {
  const team = await prisma.team.findUnique({
    where: { id: teamId },
    select: { sharedConnectionsAllowed: true },
  });
  if (!team) return [];
  const scopes = team.sharedConnectionsAllowed ? [{ teamId }, { teamId: null }] : [{ teamId }];
  const rows = await prisma.model.findMany({
    where: {
      OR: scopes,
      ...(options.usableOnly ? { enabled: true, connection: { enabled: true } } : {}),
    },
    include: { connection: true, prices: { orderBy: { effectiveFrom: "asc" } } },
    orderBy: { name: "asc" },
  });
  const scope = buildModelScope(
    rows.filter((row) => row.teamId === teamId),
    rows.filter((row) => row.teamId === null),
  );
  const visible = new Set(scope.models);
  return rows.filter((row) => visible.has(row));
}
