/** Add and remove models by hand, in a team's scope or the shared one (teamId null). */
import type { z } from "zod";
import { conflict, notFound } from "@/server/admin/errors";
import type { HandlerContext } from "@/server/admin/route";
import type { Prisma } from "@/server/db";
import { findConnection } from "../../providers/server/connections";
import type { createModel, deleteModel, modelCreateSchema } from "../manage-contract";
import { modelInclude, modelView } from "./model-view";

type Scope = Pick<HandlerContext<typeof createModel>, "prisma" | "audit" | "publish">;

/** Throws a 409 when a name is already a model's name or alias in the scope. */
export async function assertNamesFree(
  prisma: Prisma,
  teamId: string | null,
  names: readonly string[],
  exceptId?: string,
): Promise<void> {
  if (names.length === 0) return;
  const clash = await prisma.model.findFirst({
    where: {
      teamId,
      ...(exceptId ? { id: { not: exceptId } } : {}),
      OR: [{ name: { in: [...names] } }, { aliases: { hasSome: [...names] } }],
    },
    select: { name: true },
  });
  if (clash) throw conflict(`"${clash.name}" already has that name or alias here.`);
}

export async function createModelIn(
  scope: Scope,
  teamId: string | null,
  body: z.output<typeof modelCreateSchema>,
) {
  const connection = await findConnection(scope.prisma, teamId, body.connectionId);
  await assertNamesFree(scope.prisma, teamId, [body.name, ...body.aliases]);
  const created = await scope.prisma.$transaction(async (tx) => {
    const row = await tx.model.create({
      data: {
        connectionId: connection.id,
        teamId,
        name: body.name,
        upstreamName: body.upstreamName ?? body.name,
        aliases: body.aliases,
        inputPricePerMillion: body.inputPricePerMillion,
        outputPricePerMillion: body.outputPricePerMillion,
        cachedInputPricePerMillion: body.cachedInputPricePerMillion,
        cacheWrite5mPricePerMillion: body.cacheWrite5mPricePerMillion,
        cacheWrite1hPricePerMillion: body.cacheWrite1hPricePerMillion,
        reasoningPricePerMillion: body.reasoningPricePerMillion,
        unpriced: body.unpriced,
        contextWindow: body.contextWindow,
        maxOutputTokens: body.maxOutputTokens,
        capabilities: body.capabilities,
        enabled: body.enabled,
        // Set by hand: the price catalog's refresh leaves these prices alone.
        priceOverridden: true,
      },
      include: modelInclude,
    });
    await scope.audit(
      {
        action: "model.create",
        targetType: "model",
        targetId: row.id,
        teamId,
        after: modelView(row),
      },
      tx,
    );
    return row;
  });
  await scope.publish({ topic: "config" });
  return { model: modelView(created) };
}

export async function deleteModelIn(
  scope: Pick<HandlerContext<typeof deleteModel>, "prisma" | "audit" | "publish">,
  teamId: string | null,
  modelId: string,
) {
  const row = await scope.prisma.model.findFirst({
    where: { id: modelId, teamId },
    include: modelInclude,
  });
  if (!row) throw notFound("No such model here.");
  await scope.prisma.$transaction(async (tx) => {
    await tx.model.delete({ where: { id: row.id } });
    await scope.audit(
      {
        action: "model.delete",
        targetType: "model",
        targetId: row.id,
        teamId,
        before: modelView(row),
      },
      tx,
    );
  });
  await scope.publish({ topic: "config" });
  return { deleted: true as const };
}
