import { createApiKey, Prisma as DbSql, rangeThroughNow, rollupRows } from "@switchyard/db";
import { AUTO_MODEL } from "@switchyard/gateway";
import { periodWindow } from "@switchyard/limits";
import { teamModelRows } from "@/features/models/server/team-models";
import {
  alreadyCreated,
  badRequest,
  conflict,
  forbidden,
  isUniqueViolation,
  notFound,
} from "@/server/admin/errors";
import { hasRole } from "@/server/admin/permissions";
import type { HandlerContext } from "@/server/admin/route";
import type { Prisma } from "@/server/db";
import type { createKey, listKeyScopes, listKeys, revokeKey, updateKey } from "../contract";
import { toKeyView } from "./key-view";

export const withCreator = { createdBy: { select: { email: true } } } as const;

/** Models a key of the team may be scoped to: the usable ones the team may route to. */
async function visibleModels(prisma: Prisma, teamId: string) {
  const rows = await teamModelRows(prisma, teamId, { usableOnly: true });
  return rows.map((row) => ({ name: row.name, aliases: row.aliases }));
}

/**
 * Policy aliases a key of the team may be scoped to: switchyard/auto (which routes with the
 * team's default model until a policy has that alias) and every policy's alias, published or not.
 */
async function policyAliases(prisma: Prisma, teamId: string) {
  const policies = await prisma.routingPolicy.findMany({
    where: { teamId },
    select: { alias: true, name: true, publishedVersionId: true },
    orderBy: { alias: "asc" },
  });
  const listed = policies.map((policy) => ({
    alias: policy.alias,
    name: policy.name,
    published: policy.publishedVersionId !== null,
  }));
  if (listed.some((policy) => policy.alias === AUTO_MODEL)) return listed;
  return [{ alias: AUTO_MODEL, name: null, published: false }, ...listed];
}

/** Spend per key in the team's current month (its time zone), from the rollups. */
export async function monthSpendByKey(prisma: Prisma, teamId: string, apiKeyId?: string) {
  const team = await prisma.team.findUnique({ where: { id: teamId }, select: { timeZone: true } });
  const timeZone = team?.timeZone ?? "UTC";
  const now = Date.now();
  const monthStart = new Date(periodWindow("month", timeZone, now).start);
  const range = rangeThroughNow(teamId, monthStart, timeZone, now);
  const where = apiKeyId ? DbSql.sql`api_key_id = ${apiKeyId}` : undefined;
  const rows = await prisma.$queryRaw<{ key: string; total: { toFixed(): string } | null }[]>`
    select api_key_id as key, sum(cost_usd) as total
      from ${rollupRows(range, "api_key_id, cost_usd", where)} as r
     group by 1`;
  return new Map(rows.map((row) => [row.key, row.total ? row.total.toFixed() : "0"]));
}

export async function monthSpend(prisma: Prisma, teamId: string, apiKeyId: string) {
  return (await monthSpendByKey(prisma, teamId, apiKeyId)).get(apiKeyId) ?? "0";
}

export async function listKeyScopesHandler({
  params,
  prisma,
}: HandlerContext<typeof listKeyScopes>) {
  const [models, policies] = await Promise.all([
    visibleModels(prisma, params.teamId),
    policyAliases(prisma, params.teamId),
  ]);
  return { models, policies };
}

export async function listKeysHandler({ params, prisma }: HandlerContext<typeof listKeys>) {
  const [keys, spend] = await Promise.all([
    prisma.apiKey.findMany({
      where: { teamId: params.teamId },
      include: withCreator,
      orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    }),
    monthSpendByKey(prisma, params.teamId),
  ]);
  return { keys: keys.map((key) => toKeyView(key, spend.get(key.id) ?? "0")) };
}

export async function createKeyHandler({
  actor,
  params,
  body,
  prisma,
  audit,
  publish,
}: HandlerContext<typeof createKey>) {
  const scopes = [...new Set(body.scopes)];
  if (scopes.length > 0) {
    const [models, policies] = await Promise.all([
      visibleModels(prisma, params.teamId),
      policyAliases(prisma, params.teamId),
    ]);
    const known = new Set([
      ...models.flatMap((m) => [m.name, ...m.aliases]),
      ...policies.map((policy) => policy.alias),
    ]);
    const unknown = scopes.filter((scope) => !known.has(scope));
    if (unknown.length > 0) {
      throw badRequest(`Unknown models: ${unknown.join(", ")}`, [
        {
          path: "body.scopes",
          message: `Not a model or policy alias of this team: ${unknown.join(", ")}`,
        },
      ]);
    }
  }
  const { idempotencyKey } = body;
  if (idempotencyKey) await refuseRepeat(prisma, params.teamId, idempotencyKey);
  const creating = prisma.$transaction(async (tx) => {
    const created = await createApiKey(tx as never, {
      teamId: params.teamId,
      name: body.name,
      scopes,
      expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
      createdById: actor.userId,
      rpmLimit: body.rpmLimit ?? null,
      tpmLimit: body.tpmLimit ?? null,
      tags: [...new Set(body.tags)],
      learningOptOut: body.learningOptOut,
      idempotencyKey: idempotencyKey ?? null,
    });
    await audit(
      {
        action: "key.create",
        targetType: "api_key",
        targetId: created.record.id,
        after: {
          name: created.record.name,
          prefix: created.record.prefix,
          scopes: created.record.scopes,
          expiresAt: created.record.expiresAt,
          rpmLimit: created.record.rpmLimit,
          tpmLimit: created.record.tpmLimit,
          tags: created.record.tags,
          learningOptOut: created.record.learningOptOut,
        },
      },
      tx,
    );
    if (body.budget) {
      const budget = await tx.budget.create({
        data: {
          teamId: params.teamId,
          scope: "key",
          apiKeyId: created.record.id,
          period: body.budget.period,
          limitUsd: body.budget.limitUsd,
          alertThresholds: [50, 80, 100],
          action: "block",
        },
      });
      await audit(
        {
          action: "budget.create",
          targetType: "budget",
          targetId: budget.id,
          after: {
            apiKeyId: created.record.id,
            period: budget.period,
            limitUsd: budget.limitUsd.toString(),
          },
        },
        tx,
      );
    }
    return created;
  });
  const { key: secret, record } = await creating.catch(async (error: unknown) => {
    // The same key sent twice at once: the other request made the key.
    if (idempotencyKey && isUniqueViolation(error)) {
      await refuseRepeat(prisma, params.teamId, idempotencyKey);
    }
    throw error;
  });
  // A negative lookup for this hash may be cached by a gateway.
  await publish({ topic: "keys", id: record.hash });
  if (body.budget) await publish({ topic: "budgets", id: params.teamId });
  const creator = await prisma.user.findUnique({
    where: { id: actor.userId },
    select: { email: true },
  });
  return { key: toKeyView({ ...record, createdBy: creator }, "0"), secret };
}

/** 409 when the team already has a key made by a create with this idempotency key. */
async function refuseRepeat(prisma: Prisma, teamId: string, idempotencyKey: string) {
  const made = await prisma.apiKey.findUnique({
    where: { teamId_idempotencyKey: { teamId, idempotencyKey } },
    select: { id: true, name: true, prefix: true },
  });
  if (made) {
    throw alreadyCreated(
      `This create was already done: it made the key "${made.name}" (id ${made.id}, ${made.prefix}…), ` +
        "whose secret was shown once and cannot be shown again.",
    );
  }
}

/** The team's key `keyId`, if the actor may change it: its creator (a member) or an admin. */
export async function changeableKey(
  prisma: Prisma,
  actor: HandlerContext<typeof revokeKey>["actor"],
  params: { teamId: string; keyId: string },
  verb: string,
) {
  const key = await prisma.apiKey.findFirst({
    where: { id: params.keyId, teamId: params.teamId },
    include: withCreator,
  });
  if (!key) throw notFound("Key not found");
  if (key.createdById !== actor.userId && !hasRole(actor, params.teamId, "admin")) {
    throw forbidden(`Members can ${verb} only the keys they created.`);
  }
  return key;
}

export async function revokeKeyHandler({
  actor,
  params,
  prisma,
  audit,
  publish,
}: HandlerContext<typeof revokeKey>) {
  const key = await changeableKey(prisma, actor, params, "revoke");
  if (key.revokedAt) {
    return { key: toKeyView(key, await monthSpend(prisma, params.teamId, key.id)) };
  }
  const revoked = await prisma.$transaction(async (tx) => {
    const updated = await tx.apiKey.update({
      where: { id: key.id },
      data: { revokedAt: new Date() },
      include: withCreator,
    });
    await audit(
      {
        action: "key.revoke",
        targetType: "api_key",
        targetId: key.id,
        before: { name: key.name, prefix: key.prefix, revokedAt: null },
        after: { name: updated.name, prefix: updated.prefix, revokedAt: updated.revokedAt },
      },
      tx,
    );
    return updated;
  });
  await publish({ topic: "keys", id: key.hash });
  return { key: toKeyView(revoked, await monthSpend(prisma, params.teamId, key.id)) };
}

/**
 * A key's default tags or learning opt-out, changed in place: the key and its secret stay; the
 * gateways drop their cached copy (the keys topic), so the next request carries the new tags.
 */
export async function updateKeyHandler({
  actor,
  params,
  body,
  prisma,
  audit,
  publish,
}: HandlerContext<typeof updateKey>) {
  const key = await changeableKey(prisma, actor, params, "change");
  if (key.revokedAt) throw conflict("A revoked key cannot be changed.");
  const data = {
    ...(body.name !== undefined && { name: body.name }),
    ...(body.tags !== undefined && { tags: [...new Set(body.tags)] }),
    ...(body.learningOptOut !== undefined && { learningOptOut: body.learningOptOut }),
  };
  const updated = await prisma.$transaction(async (tx) => {
    const changed = await tx.apiKey.update({
      where: { id: key.id },
      data,
      include: withCreator,
    });
    await audit(
      {
        action: "key.update",
        targetType: "api_key",
        targetId: key.id,
        before: { name: key.name, tags: key.tags, learningOptOut: key.learningOptOut },
        after: { name: changed.name, tags: changed.tags, learningOptOut: changed.learningOptOut },
      },
      tx,
    );
    return changed;
  });
  await publish({ topic: "keys", id: key.hash });
  return { key: toKeyView(updated, await monthSpend(prisma, params.teamId, key.id)) };
}
