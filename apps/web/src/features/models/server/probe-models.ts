/**
 * Test connection (one real chat call to a model) and the provider's own model list (read, and
 * imported as models), each on a connection of the team's scope or the shared one (teamId null).
 * Calls go through the instance's address policy, as the gateway's do.
 */
import type { ModelInfo, ProviderKind } from "@switchyard/core";
import { type Prisma as Db, toCapabilities, toSettings } from "@switchyard/db";
import { listUpstreamModels, testModelConnection } from "@switchyard/gateway";
import { catalogClassPrices, catalogModelsFor } from "@switchyard/providers";
import { notFound } from "@/server/admin/errors";
import type { HandlerContext } from "@/server/admin/route";
import type { Prisma } from "@/server/db";
import { instanceAddressPolicy } from "@/server/outbound-address";
import { decryptAtRest } from "@/server/secrets";
import { checkKind, findConnection } from "../../providers/server/connections";
import type { ConnectionTestView, importUpstreamModels } from "../manage-contract";

/** Kinds whose models cost nothing per token (self-hosted): imported at price 0. */
const SELF_HOSTED: ReadonlySet<ProviderKind> = new Set(["vllm", "ollama", "mock"]);
/** Context window of an imported model whose provider does not state one. */
const DEFAULT_CONTEXT = 8_192;

function credentialOf(cipher: string | null | undefined): string | null {
  return cipher ? decryptAtRest(cipher) : null;
}

export async function testModelIn(
  scope: Pick<HandlerContext<typeof importUpstreamModels>, "prisma" | "audit">,
  teamId: string | null,
  modelId: string,
): Promise<ConnectionTestView> {
  const row = await scope.prisma.model.findFirst({
    where: { id: modelId, teamId },
    include: { connection: true },
  });
  if (!row) throw notFound("No such model here.");
  const { connection } = row;
  const model: ModelInfo = {
    id: row.id,
    name: row.name,
    aliases: row.aliases,
    providerKind: checkKind(connection.kind),
    providerConnectionId: connection.id,
    upstreamName: row.upstreamName,
    baseUrl: connection.baseUrl,
    apiKey: credentialOf(connection.encryptedCredentials),
    settings: { ...toSettings(connection.settings), ...toSettings(row.settings) },
    inputPricePerMillion: row.inputPricePerMillion.toNumber(),
    outputPricePerMillion: row.outputPricePerMillion.toNumber(),
    contextWindow: row.contextWindow,
    maxOutputTokens: row.maxOutputTokens,
    capabilities: toCapabilities(row.capabilities),
    teamId: connection.teamId,
    enabled: true,
  };
  const result = await testModelConnection(model, { addressPolicy: instanceAddressPolicy() });
  await scope.audit({
    action: "model.test",
    targetType: "model",
    targetId: row.id,
    teamId,
    after: { ok: result.ok, status: result.ok ? 200 : result.status },
  });
  return result.ok
    ? {
        ok: true,
        latencyMs: result.latencyMs,
        status: 200,
        message: `${row.name} answered in ${result.latencyMs} ms (as ${result.upstreamModel}).`,
        detail: null,
        reply: result.reply,
      }
    : { ...result, reply: null };
}

async function readList(prisma: Prisma, teamId: string | null, connectionId: string) {
  const connection = await findConnection(prisma, teamId, connectionId);
  const full = await prisma.providerConnection.findUniqueOrThrow({
    where: { id: connection.id },
    select: { encryptedCredentials: true, settings: true },
  });
  const kind = checkKind(connection.kind);
  const list = await listUpstreamModels(
    kind,
    {
      name: connection.name,
      baseUrl: connection.baseUrl,
      apiKey: credentialOf(full.encryptedCredentials),
      settings: toSettings(full.settings),
    },
    { addressPolicy: instanceAddressPolicy() },
  );
  return { connection, kind, list };
}

function priceOf(kind: ProviderKind, id: string) {
  const known = catalogModelsFor(kind).find((m) => m.upstreamName === id || m.name === id);
  if (known) return known;
  return SELF_HOSTED.has(kind) ? null : undefined;
}

export async function upstreamModelsIn(
  prisma: Prisma,
  teamId: string | null,
  connectionId: string,
) {
  const { connection, kind, list } = await readList(prisma, teamId, connectionId);
  if (!list.ok) return { ok: false, message: list.message, detail: list.detail, models: [] };
  const added = new Set(
    (
      await prisma.model.findMany({
        where: { connectionId: connection.id },
        select: { upstreamName: true },
      })
    ).map((row) => row.upstreamName),
  );
  return {
    ok: true,
    message: `${connection.name} lists ${list.models.length} models (${list.latencyMs} ms).`,
    detail: null,
    models: list.models.map((model) => ({
      id: model.id,
      contextWindow: model.contextWindow ?? null,
      added: added.has(model.id),
      priced: priceOf(kind, model.id) !== undefined,
    })),
  };
}

export async function importUpstreamIn(
  scope: Pick<HandlerContext<typeof importUpstreamModels>, "prisma" | "audit" | "publish">,
  teamId: string | null,
  connectionId: string,
  body: HandlerContext<typeof importUpstreamModels>["body"],
) {
  const { connection, kind, list } = await readList(scope.prisma, teamId, connectionId);
  const listed = new Map(list.ok ? list.models.map((model) => [model.id, model]) : []);
  const taken = await scope.prisma.model.findMany({
    where: { OR: [{ teamId }, { connectionId: connection.id }] },
    select: { name: true, aliases: true, upstreamName: true, connectionId: true },
  });
  const names = new Set(taken.flatMap((row) => [row.name, ...row.aliases]));
  const onConnection = new Set(
    taken.filter((row) => row.connectionId === connection.id).map((row) => row.upstreamName),
  );
  const skipped: { id: string; reason: string }[] = [];
  const rows: Db.ModelCreateManyInput[] = [];
  for (const id of new Set(body.ids)) {
    const known = priceOf(kind, id);
    const reason = !list.ok
      ? list.message
      : !listed.has(id)
        ? "the provider does not list it"
        : onConnection.has(id)
          ? "already added"
          : names.has(id)
            ? "the name is taken here: add it by hand under another name"
            : known === undefined
              ? "no known price: add it by hand with its prices"
              : null;
    if (reason) {
      skipped.push({ id, reason });
      continue;
    }
    names.add(id);
    const stated = listed.get(id);
    rows.push({
      connectionId: connection.id,
      teamId,
      name: id,
      upstreamName: id,
      inputPricePerMillion: known ? known.inputPricePerMillion.toString() : "0",
      outputPricePerMillion: known ? known.outputPricePerMillion.toString() : "0",
      ...(known ? catalogClassPrices(known) : {}),
      contextWindow: stated?.contextWindow ?? known?.contextWindow ?? DEFAULT_CONTEXT,
      maxOutputTokens: stated?.maxOutputTokens ?? known?.maxOutputTokens ?? null,
      capabilities: known ? known.capabilities : ["streaming"],
    });
  }
  await scope.prisma.$transaction(async (tx) => {
    await tx.model.createMany({ data: rows, skipDuplicates: true });
    await scope.audit(
      {
        action: "provider.upstream.import",
        targetType: "provider_connection",
        targetId: connection.id,
        teamId,
        after: { created: rows.map((row) => row.name) },
      },
      tx,
    );
  });
  if (rows.length > 0) await scope.publish({ topic: "config" });
  return { created: rows.map((row) => row.name), skipped };
}
