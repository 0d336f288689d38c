/**
 * Provider connections, for a team (teamId) or shared (teamId null). The same functions serve the
 * team endpoints and the instance owner's shared endpoints.
 */
import { isProviderKind, type ProviderKind } from "@switchyard/core";
import { catalogProvider } from "@switchyard/providers";
import type { z } from "zod";
import { badRequest, notFound } from "@/server/admin/errors";
import type { AuditEntry } from "@/server/admin/route";
import type { Prisma } from "@/server/db";
import { assertAllowedDestination } from "@/server/outbound-address";
import { encryptAtRest } from "@/server/secrets";
import type { connectionCreateSchema, connectionUpdateSchema } from "../contract";
import { auditable, connectionInclude, connectionView } from "./connection-view";

export interface ConnectionScope {
  prisma: Prisma;
  /** null = shared connections. */
  teamId: string | null;
  audit(entry: AuditEntry, client?: Pick<Prisma, "auditLog">): Promise<void>;
  publish(message: { topic: "config"; id?: string }): Promise<void>;
}

export function checkKind(kind: string): ProviderKind {
  if (!isProviderKind(kind)) {
    throw badRequest(`body.kind: unknown provider kind "${kind}"`, [
      { path: "body.kind", message: `unknown provider kind "${kind}"` },
    ]);
  }
  return kind;
}

export async function findConnection(prisma: Prisma, teamId: string | null, id: string) {
  const row = await prisma.providerConnection.findFirst({
    where: { id, teamId },
    include: connectionInclude,
  });
  if (!row) throw notFound("No such provider connection here.");
  return row;
}

export async function createConnectionIn(
  scope: ConnectionScope,
  body: z.output<typeof connectionCreateSchema>,
) {
  const kind = checkKind(body.kind);
  const baseUrl = body.baseUrl ?? catalogProvider(kind)?.defaultBaseUrl;
  if (!baseUrl) {
    throw badRequest("body.baseUrl: this provider kind has no default base URL", [
      { path: "body.baseUrl", message: "required for this provider kind" },
    ]);
  }
  await assertAllowedDestination(baseUrl, "body.baseUrl");
  const view = await scope.prisma.$transaction(async (tx) => {
    const row = await tx.providerConnection.create({
      data: {
        teamId: scope.teamId,
        kind,
        name: body.name,
        baseUrl,
        encryptedCredentials: body.credential ? encryptAtRest(body.credential) : null,
        enabled: body.enabled,
      },
      include: connectionInclude,
    });
    const created = connectionView(row);
    await scope.audit(
      {
        action: "provider.create",
        targetType: "provider_connection",
        targetId: row.id,
        teamId: scope.teamId,
        after: auditable(created),
      },
      tx,
    );
    return created;
  });
  await scope.publish({ topic: "config" });
  return { connection: view };
}

export async function updateConnectionIn(
  scope: ConnectionScope,
  id: string,
  body: z.output<typeof connectionUpdateSchema>,
) {
  const before = connectionView(await findConnection(scope.prisma, scope.teamId, id));
  if (body.baseUrl !== undefined) await assertAllowedDestination(body.baseUrl, "body.baseUrl");
  const view = await scope.prisma.$transaction(async (tx) => {
    const row = await tx.providerConnection.update({
      where: { id },
      data: {
        name: body.name,
        baseUrl: body.baseUrl,
        enabled: body.enabled,
        ...(body.credential === undefined
          ? {}
          : {
              encryptedCredentials:
                body.credential === null ? null : encryptAtRest(body.credential),
            }),
      },
      include: connectionInclude,
    });
    const after = connectionView(row);
    await scope.audit(
      {
        action: body.credential === undefined ? "provider.update" : "provider.credential.update",
        targetType: "provider_connection",
        targetId: id,
        teamId: scope.teamId,
        before: auditable(before),
        after: auditable(after),
      },
      tx,
    );
    return after;
  });
  await scope.publish({ topic: "config" });
  return { connection: view };
}

export async function deleteConnectionIn(scope: ConnectionScope, id: string) {
  const before = connectionView(await findConnection(scope.prisma, scope.teamId, id));
  await scope.prisma.$transaction(async (tx) => {
    await tx.providerConnection.delete({ where: { id } });
    await scope.audit(
      {
        action: "provider.delete",
        targetType: "provider_connection",
        targetId: id,
        teamId: scope.teamId,
        before: auditable(before),
      },
      tx,
    );
  });
  await scope.publish({ topic: "config" });
  return { deleted: true as const };
}
