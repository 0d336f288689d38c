/**
 * The request log's SQL: newest first with keyset pagination on (created_at, id), never OFFSET.
 * The `created_at <= cursor` bound lets the (team_id, created_at) indexes start at the cursor;
 * the second condition breaks ties on id. No app imports (the dashboard benchmark runs these).
 */
import { Prisma, type PrismaClient } from "@switchyard/db";
import { z } from "zod";
import { routeReasonPatterns } from "../../usage/route-reason";
import type { Cursor } from "./cursor";

export type Db = Pick<PrismaClient, "$queryRaw">;

export interface LogFilter {
  teamId: string;
  keyId?: string | undefined;
  model?: string | undefined;
  status?: string | undefined;
  routeReason?: string | undefined;
  tag?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

export interface LogRow {
  id: string;
  createdAt: Date;
  apiKeyId: string | null;
  requestedModel: string;
  routedModel: string | null;
  provider: string | null;
  routeReason: string;
  status: string;
  httpStatus: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: string;
  /** A model without a price served it: the cost is unknown (costUsd is only the priced part). */
  unpriced: boolean;
  latencyMs: number;
  ttftMs: number | null;
  streamed: boolean;
  cascaded: boolean;
}

function conditions(filter: LogFilter, cursor: Cursor | null) {
  const parts = [Prisma.sql`team_id = ${filter.teamId}`];
  if (filter.keyId !== undefined) parts.push(Prisma.sql`api_key_id = ${filter.keyId}`);
  if (filter.model !== undefined) parts.push(Prisma.sql`routed_model = ${filter.model}`);
  if (filter.status !== undefined) parts.push(Prisma.sql`status = ${filter.status}`);
  if (filter.routeReason !== undefined) {
    parts.push(Prisma.sql`route_reason like any (${routeReasonPatterns(filter.routeReason)})`);
  }
  if (filter.tag !== undefined) parts.push(Prisma.sql`tags @> array[${filter.tag}]::text[]`);
  if (filter.from !== undefined) parts.push(Prisma.sql`created_at >= ${filter.from}`);
  if (filter.to !== undefined) parts.push(Prisma.sql`created_at < ${filter.to}`);
  if (cursor) {
    parts.push(Prisma.sql`created_at <= ${cursor.createdAt}`);
    parts.push(Prisma.sql`(created_at < ${cursor.createdAt} or id < ${cursor.id})`);
  }
  return Prisma.join(parts, " and ");
}

/** Up to `limit` rows after `cursor` (or from the newest), newest first. */
export async function queryLogPage(
  db: Db,
  filter: LogFilter,
  cursor: Cursor | null,
  limit: number,
): Promise<LogRow[]> {
  const rows = await db.$queryRaw<
    {
      id: string;
      created_at: Date;
      api_key_id: string | null;
      requested_model: string;
      routed_model: string | null;
      provider: string | null;
      route_reason: string;
      status: string;
      http_status: number;
      input_tokens: number;
      output_tokens: number;
      cost_usd: { toFixed(): string };
      unpriced: boolean;
      latency_ms: number;
      ttft_ms: number | null;
      streamed: boolean;
      cascaded: boolean;
    }[]
  >`
    select id, created_at, api_key_id, requested_model, routed_model, provider, route_reason,
           status, http_status, input_tokens, output_tokens, cost_usd, unpriced, latency_ms,
           ttft_ms, streamed, cascaded
      from request_logs
     where ${conditions(filter, cursor)}
     order by created_at desc, id desc
     limit ${limit}`;
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.created_at,
    apiKeyId: row.api_key_id,
    requestedModel: row.requested_model,
    routedModel: row.routed_model,
    provider: row.provider,
    routeReason: row.route_reason,
    status: row.status,
    httpStatus: row.http_status,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    costUsd: row.cost_usd.toFixed(),
    unpriced: row.unpriced,
    latencyMs: row.latency_ms,
    ttftMs: row.ttft_ms,
    streamed: row.streamed,
    cascaded: row.cascaded,
  }));
}

/** One request of the team, or null (another team's id included). */
export function queryLogEntry(db: Pick<PrismaClient, "requestLog">, teamId: string, id: string) {
  return db.requestLog.findFirst({ where: { id, teamId } });
}

/** One feedback as the request detail shows it. */
export interface FeedbackRow {
  sourceId: string;
  score: number | null;
  comment: string | null;
  createdAt: string;
}

const feedbackGradesSchema = z.record(z.string(), z.object({ quality: z.number() }).loose());

/** Feedback on one request (outcomes from POST /v1/feedback), newest first. */
export async function queryFeedback(
  db: Pick<PrismaClient, "outcome">,
  teamId: string,
  requestId: string,
  servedModel: string | null,
): Promise<FeedbackRow[]> {
  const rows = await db.outcome.findMany({
    where: { teamId, requestId, source: "feedback" },
    orderBy: { createdAt: "desc" },
    take: 20,
  });
  return rows.map((row) => {
    const grades = feedbackGradesSchema.safeParse(row.grades);
    const served = grades.success && servedModel !== null ? grades.data[servedModel] : undefined;
    const first = grades.success ? Object.values(grades.data)[0] : undefined;
    return {
      sourceId: row.sourceId,
      score: (served ?? first)?.quality ?? null,
      comment: row.comment,
      createdAt: row.createdAt.toISOString(),
    };
  });
}
