import { badRequest, notFound } from "@/server/admin/errors";
import type { HandlerContext } from "@/server/admin/route";
import {
  attemptSchema,
  type getRequest,
  type listRequests,
  type RequestDetail,
  requestStatusSchema,
} from "../contract";
import { decodeCursor, encodeCursor } from "./cursor";
import { queryFeedback, queryLogEntry, queryLogPage } from "./request-queries";

const date = (value: string | undefined) => (value === undefined ? undefined : new Date(value));

async function keyNames(prisma: HandlerContext<typeof listRequests>["prisma"], teamId: string) {
  const keys = await prisma.apiKey.findMany({
    where: { teamId },
    select: { id: true, name: true },
  });
  return new Map(keys.map((key) => [key.id, key.name]));
}

export async function listRequestsHandler({
  prisma,
  params,
  query,
}: HandlerContext<typeof listRequests>) {
  const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor);
  if (query.cursor !== undefined && !cursor) throw badRequest("The cursor is not valid.");
  const filter = {
    teamId: params.teamId,
    keyId: query.keyId,
    model: query.model,
    status: query.status,
    routeReason: query.routeReason,
    tag: query.tag,
    from: date(query.from),
    to: date(query.to),
  };
  const [rows, names] = await Promise.all([
    queryLogPage(prisma, filter, cursor, query.limit + 1),
    keyNames(prisma, params.teamId),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    requests: page.map((row) => ({
      ...row,
      createdAt: row.createdAt.toISOString(),
      status: requestStatusSchema.catch("error").parse(row.status),
      keyName: row.apiKeyId ? (names.get(row.apiKeyId) ?? null) : null,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
}

export async function getRequestHandler({
  prisma,
  params,
}: HandlerContext<typeof getRequest>): Promise<{ request: RequestDetail }> {
  const row = await queryLogEntry(prisma, params.teamId, params.requestId);
  if (!row) throw notFound("No such request in this team.");
  const [key, feedback] = await Promise.all([
    row.apiKeyId
      ? prisma.apiKey.findFirst({
          where: { id: row.apiKeyId, teamId: params.teamId },
          select: { name: true },
        })
      : null,
    queryFeedback(prisma, params.teamId, row.id, row.routedModel),
  ]);
  const attempts = attemptSchema.array().safeParse(row.attempts);
  return {
    request: {
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      apiKeyId: row.apiKeyId,
      keyName: key?.name ?? null,
      policyVersionId: row.policyVersionId,
      surface: row.surface,
      requestedModel: row.requestedModel,
      routedModel: row.routedModel,
      provider: row.provider,
      routeReason: row.routeReason,
      routeTrace: row.routeTrace,
      status: requestStatusSchema.catch("error").parse(row.status),
      httpStatus: row.httpStatus,
      errorCode: row.errorCode,
      inputTokens: row.inputTokens,
      outputTokens: row.outputTokens,
      costUsd: row.costUsd.toFixed(),
      unpriced: row.unpriced,
      cachedInputTokens: row.cachedInputTokens,
      cacheWrite5mTokens: row.cacheWrite5mTokens,
      cacheWrite1hTokens: row.cacheWrite1hTokens,
      reasoningTokens: row.reasoningTokens,
      baselineCostUsd: row.baselineCostUsd.toFixed(),
      latencyMs: row.latencyMs,
      ttftMs: row.ttftMs,
      overheadMs: row.overheadMs,
      attemptCount: row.attemptCount,
      attempts: attempts.success ? attempts.data : [],
      streamed: row.streamed,
      cascaded: row.cascaded,
      usageEstimated: row.usageEstimated,
      promptText: row.promptText,
      completionText: row.completionText,
      tags: row.tags,
      feedback,
    },
  };
}
