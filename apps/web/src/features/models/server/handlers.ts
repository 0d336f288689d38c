/** Route handlers for the models table: list, edit (team or shared), health from the rollups. */
import { notFound } from "@/server/admin/errors";
import type { HandlerContext } from "@/server/admin/route";
import type { listModels, updateModel, updateSharedModel } from "../contract";
import { assertNamesFree } from "./manage-models";
import { modelInclude as include, modelView } from "./model-view";
import { teamModelRows } from "./team-models";

export async function listModelsHandler({ params, prisma }: HandlerContext<typeof listModels>) {
  return { models: (await teamModelRows(prisma, params.teamId)).map(modelView) };
}

type UpdateContext = HandlerContext<typeof updateModel> | HandlerContext<typeof updateSharedModel>;

async function updateIn(context: UpdateContext, teamId: string | null) {
  const { prisma, body, params, audit, publish } = context;
  const row = await prisma.model.findFirst({ where: { id: params.modelId, teamId }, include });
  if (!row) throw notFound("No such model here.");
  // Names are unique per scope (this team's models, or the shared ones), so aliases are checked
  // there only: another team's names are neither a conflict nor anything this caller may learn.
  await assertNamesFree(prisma, teamId, body.aliases ?? [], row.id);
  const priceChanged =
    body.inputPricePerMillion !== undefined || body.outputPricePerMillion !== undefined;
  const before = modelView(row);
  const updated = await prisma.$transaction(async (tx) => {
    const next = await tx.model.update({
      where: { id: row.id },
      data: {
        upstreamName: body.upstreamName,
        inputPricePerMillion: body.inputPricePerMillion,
        outputPricePerMillion: body.outputPricePerMillion,
        contextWindow: body.contextWindow,
        maxOutputTokens: body.maxOutputTokens,
        capabilities: body.capabilities,
        enabled: body.enabled,
        aliases: body.aliases,
        ...(priceChanged ? { priceOverridden: true } : {}),
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
        after: modelView(next),
      },
      tx,
    );
    return next;
  });
  await publish({ topic: "config" });
  return { model: modelView(updated) };
}

export const updateModelHandler = (context: HandlerContext<typeof updateModel>) =>
  updateIn(context, context.params.teamId);
export const updateSharedModelHandler = (context: HandlerContext<typeof updateSharedModel>) =>
  updateIn(context, null);
