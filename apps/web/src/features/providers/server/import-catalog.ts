/** "Add the catalog's models": one Model row per catalog model of the connection's kind. */
import { catalogClassPrices, catalogModelsFor } from "@switchyard/providers";
import { badRequest } from "@/server/admin/errors";
import { type ConnectionScope, checkKind, findConnection } from "./connections";

export async function importCatalogModelsIn(scope: ConnectionScope, connectionId: string) {
  const connection = await findConnection(scope.prisma, scope.teamId, connectionId);
  const models = catalogModelsFor(checkKind(connection.kind));
  if (models.length === 0) {
    throw badRequest(
      `The catalog lists no models for "${connection.kind}" (self-hosted kinds): add models by name.`,
    );
  }
  // Names are unique within the scope (this team's models, or the shared ones): names one of its
  // connections already serves are skipped. Other teams' names play no part.
  const taken = new Set(
    (
      await scope.prisma.model.findMany({
        where: { teamId: scope.teamId, name: { in: models.map((model) => model.name) } },
        select: { name: true },
      })
    ).map((row) => row.name),
  );
  const fresh = models.filter((model) => !taken.has(model.name));
  await scope.prisma.$transaction(async (tx) => {
    await tx.model.createMany({
      // A concurrent import of the same names in the scope: the unique index keeps one of each.
      skipDuplicates: true,
      data: fresh.map((model) => ({
        connectionId,
        teamId: scope.teamId,
        name: model.name,
        upstreamName: model.upstreamName,
        inputPricePerMillion: model.inputPricePerMillion.toString(),
        outputPricePerMillion: model.outputPricePerMillion.toString(),
        ...catalogClassPrices(model),
        contextWindow: model.contextWindow,
        maxOutputTokens: model.maxOutputTokens,
        capabilities: model.capabilities,
      })),
    });
    await scope.audit(
      {
        action: "provider.catalog.import",
        targetType: "provider_connection",
        targetId: connectionId,
        teamId: scope.teamId,
        after: { created: fresh.map((model) => model.name) },
      },
      tx,
    );
  });
  if (fresh.length > 0) await scope.publish({ topic: "config" });
  return { created: fresh.map((model) => model.name), skipped: [...taken].sort() };
}
