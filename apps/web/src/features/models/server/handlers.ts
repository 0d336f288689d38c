/** Route handlers for the models table: list, edit (team or shared), health from the rollups. */
import { notFound } from "@/server/admin/errors";
import type { HandlerContext } from "@/server/admin/route";
import type { listModels, updateModel, updateSharedModel } from "../contract";
import { assertNamesFree } from "./manage-models";
import { modelInclude as include, modelView } from "./model-view";
import { priceEdit } from "./price-edit";
import { teamModelRows } from "./team-models";

export async function listModelsHandler({ params, prisma }: HandlerContext<typeof listModels>) {
  return { models: (await teamModelRows(prisma, params.teamId)).map((row) => modelView(row)) };
}

type UpdateContext = HandlerContext<typeof updateModel> | HandlerContext<typeof updateSharedModel>;

async function updateIn(context: UpdateContext, teamId: string | null) {
  const { prisma, body, params, audit, publish } = context;
  const row = await prisma.model.findFirst({ where: { id: params.modelId, teamId }, include });
  if (!row) throw notFound("No such model here.");
  // Names are unique per scope (this team's models, or the shared ones), so aliases are checked
  // there only: another team's names are neither a conflict nor anything this caller may learn.
  await assertNamesFree(prisma, teamId, body.aliases ?? [], row.id);
  const now = new Date();
  const price = priceEdit(body, row, now);
  const before = modelView(row, now);
  const updated = await prisma.$transaction(async (tx) => {
    if (price.kind === "scheduled") {
      await tx.modelPrice.upsert({
        where: { modelId_effectiveFrom: { modelId: row.id, effectiveFrom: price.effectiveFrom } },
        create: { modelId: row.id, effectiveFrom: price.effectiveFrom, ...price.version },
        update: price.version,
      });
    } else if (price.kind === "now") {
      // The new price supersedes every version already in effect; scheduled ones stay.
      await tx.modelPrice.deleteMany({ where: { modelId: row.id, effectiveFrom: { lte: now } } });
    }
    const next = await tx.model.update({
      where: { id: row.id },
      data: {
        upstreamName: body.upstreamName,
        ...(price.kind === "now" ? price.fields : {}),
        contextWindow: body.contextWindow,
        maxOutputTokens: body.maxOutputTokens,
        capabilities: body.capabilities,
        enabled: body.enabled,
        aliases: body.aliases,
        ...(price.kind === "none" ? {} : { priceOverridden: true }),
      },
      include,
    });
    await audit(
      {
        action: "model.update",
        targetType: "model",
        targetId: row.id,
        teamId,
        before,
        after: modelView(next, now),
      },
      tx,
    );
    return next;
  });
  await publish({ topic: "config" });
  return { model: modelView(updated, now) };
}

export const updateModelHandler = (context: HandlerContext<typeof updateModel>) =>
  updateIn(context, context.params.teamId);
export const updateSharedModelHandler = (context: HandlerContext<typeof updateSharedModel>) =>
  updateIn(context, null);
