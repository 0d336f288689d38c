import { z } from "zod";
import { endpoint } from "@/lib/contract";

export const requestStatusSchema = z.enum(["ok", "error", "client_closed", "blocked"]);

export const PAGE_SIZE_MAX = 100;

export const listRequestsQuery = z.object({
  keyId: z.string().min(1).optional(),
  model: z.string().min(1).optional(),
  status: requestStatusSchema.optional(),
  /** A route reason group (see features/usage/route-reason.ts), e.g. "classifier", "rule:code". */
  routeReason: z.string().min(1).max(200).optional(),
  /** Requests carrying this tag, exactly (e.g. "task:summarise", "user:alice", "app:billing"). */
  tag: z.string().min(1).max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Opaque: the nextCursor of the previous page. */
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(50),
});
export type ListRequestsQuery = z.infer<typeof listRequestsQuery>;

const money = z.string();

export const requestSummarySchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  apiKeyId: z.string().nullable(),
  keyName: z.string().nullable(),
  requestedModel: z.string(),
  routedModel: z.string().nullable(),
  provider: z.string().nullable(),
  routeReason: z.string(),
  status: requestStatusSchema,
  httpStatus: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  costUsd: money,
  /** A model without a price served (part of) it: the cost is unknown, costUsd only the priced part. */
  unpriced: z.boolean(),
  latencyMs: z.number(),
  ttftMs: z.number().nullable(),
  streamed: z.boolean(),
  cascaded: z.boolean(),
});
export type RequestSummary = z.infer<typeof requestSummarySchema>;

export const attemptSchema = z.object({
  model: z.string(),
  provider: z.string().nullable().optional(),
  reason: z.string().nullable().optional(),
  status: z.number().nullable().optional(),
  error: z.string().nullable().optional(),
  ms: z.number().nullable().optional(),
});

/** A caller's feedback on the request (POST /v1/feedback), newest first. */
export const requestFeedbackSchema = z.object({
  /** Who gave it, e.g. "key:<apiKeyId>". */
  sourceId: z.string(),
  /** The grade of the served answer, 0..1. */
  score: z.number().nullable(),
  comment: z.string().nullable(),
  createdAt: z.string(),
});
export type RequestFeedback = z.infer<typeof requestFeedbackSchema>;

export const requestDetailSchema = requestSummarySchema.extend({
  policyVersionId: z.string().nullable(),
  surface: z.string(),
  baselineCostUsd: money,
  overheadMs: z.number(),
  errorCode: z.string().nullable(),
  attemptCount: z.number(),
  usageEstimated: z.boolean(),
  /** Parts of the token totals by class, each priced apart. */
  cachedInputTokens: z.number(),
  cacheWrite5mTokens: z.number(),
  cacheWrite1hTokens: z.number(),
  reasoningTokens: z.number(),
  /** The router's decision trace as recorded (shape owned by @switchyard/router). */
  routeTrace: z.unknown(),
  attempts: z.array(attemptSchema),
  /** Present only when the team had content logging on at the time. */
  promptText: z.string().nullable(),
  completionText: z.string().nullable(),
  /** The request's tags (task, metadata, user, x-switchyard-tags, the key's defaults). */
  tags: z.array(z.string()),
  feedback: z.array(requestFeedbackSchema),
});
export type RequestDetail = z.infer<typeof requestDetailSchema>;

const teamParams = z.object({ teamId: z.string().min(1) });

export const listRequests = endpoint({
  id: "requests.list",
  method: "GET",
  path: "/api/admin/teams/:teamId/requests",
  summary: "The request log, newest first, filtered; keyset pagination with nextCursor",
  access: { team: "viewer" },
  params: teamParams,
  query: listRequestsQuery,
  response: z.object({
    requests: z.array(requestSummarySchema),
    nextCursor: z.string().nullable(),
  }),
});

export const getRequest = endpoint({
  id: "requests.get",
  method: "GET",
  path: "/api/admin/teams/:teamId/requests/:requestId",
  summary: "One request: route trace, attempts, tokens, cost, timing, and content when logged",
  access: { team: "viewer" },
  params: teamParams.extend({ requestId: z.string().min(1).max(200) }),
  response: z.object({ request: requestDetailSchema }),
});
