/** Route handlers for the models table: list, edit (team or shared), health from the rollups. */
import type { DbModels } from "@switchyard/db";
import { conflict, notFound } from "@/server/admin/errors";
import type { HandlerContext } from "@/server/admin/route";
import type { listModels, ModelView, updateModel, updateSharedModel } from "../contract";
import { teamModelRows } from "./team-models";

type Row = DbModels.ModelModel & {
  connection: { name: string; kind: string; teamId: string | null };
};
const include = { connection: { select: { name: true, kind: true, teamId: true } } } as const;

export function modelView(row: Row): ModelView {
  return {
    id: row.id,
    name: row.name,
    aliases: row.aliases,
    upstreamName: row.upstreamName,
    connectionId: row.connectionId,
    connectionName: row.connection.name,
    providerKind: row.connection.kind,
    shared: row.teamId === null,
    inputPricePerMillion: row.inputPricePerMillion.toString(),
    outputPricePerMillion: row.outputPricePerMillion.toString(),
    priceOverridden: row.priceOverridden,
    contextWindow: row.contextWindow,
    maxOutputTokens: row.maxOutputTokens,
    capabilities: row.capabilities,
    enabled: row.enabled,
  };
}

export async function listModelsHandler({ params, prisma }: HandlerContext<typeof listModels>) {
  return { models: (await teamModelRows(prisma, params.teamId)).map(modelView) };
}

type UpdateContext = HandlerContext<typeof updateModel> | HandlerContext<typeof updateSharedModel>;

async function updateIn(context: UpdateContext, teamId: string | null) {
  const { prisma, body, params, audit, publish } = context;
  const row = await prisma.model.findFirst({ where: { id: params.modelId, teamId }, include });
  if (!row) throw notFound("No such model here.");
  if (body.aliases?.length) {
    // Names are unique per scope (this team's models, or the shared ones), so aliases are checked
    // there only: another team's names are neither a conflict nor anything this caller may learn.
    const clash = await prisma.model.findFirst({
      where: {
        id: { not: row.id },
        teamId,
        OR: [{ name: { in: body.aliases } }, { aliases: { hasSome: body.aliases } }],
      },
      select: { name: true },
    });
    if (clash) throw conflict(`An alias is already the name or an alias of "${clash.name}".`);
  }
  const priceChanged =
    body.inputPricePerMillion !== undefined || body.outputPricePerMillion !== undefined;
  const before = modelView(row);
  const updated = await prisma.$transaction(async (tx) => {
    const next = await tx.model.update({
      where: { id: row.id },
      data: {
        inputPricePerMillion: body.inputPricePerMillion,
        outputPricePerMillion: body.outputPricePerMillion,
        contextWindow: body.contextWindow,
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
