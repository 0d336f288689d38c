import {
  type ApiKeyInfo,
  invalidRequest,
  notFound,
  type OutcomeStore,
  parseOrThrow,
  type RequestLogReader,
  SwitchyardError,
} from "@switchyard/core";
import type { Logger } from "pino";
import type { ConfigState } from "../config/config-state";
import { responseHeaders } from "../pipeline/headers";
import type { GatewayRequest, GatewayResult } from "../pipeline/types";
import { type FeedbackResponse, feedbackQuality, feedbackRequestSchema } from "./feedback-request";
import { findRequest, type UnwrittenRows } from "./find-request";

/** What feedback needs beside the request: where outcomes go and where requests are looked up. */
export interface FeedbackPorts {
  outcomes: OutcomeStore;
  requests: RequestLogReader;
}

export interface FeedbackDeps {
  ports: FeedbackPorts | undefined;
  unwritten: UnwrittenRows;
  config(): ConfigState;
  logger: Logger;
}

const storeUnavailable = (cause: unknown) =>
  new SwitchyardError("The feedback could not be recorded right now; retry in a few seconds.", {
    status: 503,
    code: "feedback_unavailable",
    type: "api_error",
    retryable: true,
    retryAfterSeconds: 5,
    cause,
  });

/** The policy of a published version of the team's (null when it is no longer published). */
function policyOfVersion(config: ConfigState, teamId: string, versionId: string): string | null {
  for (const policy of config.policiesByTeam.get(teamId)?.values() ?? []) {
    if (policy.versionId === versionId) return policy.policyId;
  }
  return null;
}

/**
 * POST /v1/feedback: the caller grades an answer its team was served. The request is looked up by
 * id within the key's team only (another team's id is "not found", like an unknown one), and the
 * grade is stored as the served model's outcome from `key:<apiKeyId>`; the same key grading the
 * same request again replaces its earlier grade.
 */
export async function handleFeedback(
  deps: FeedbackDeps,
  request: GatewayRequest,
  key: ApiKeyInfo,
  body: unknown,
): Promise<GatewayResult> {
  const feedback = parseOrThrow(feedbackRequestSchema, body);
  if (deps.ports === undefined) {
    throw notFound("Feedback is not enabled on this gateway.", "feedback_not_enabled");
  }
  const config = deps.config();
  let logged: Awaited<ReturnType<typeof findRequest>>;
  try {
    logged = await findRequest(
      {
        reader: deps.ports.requests,
        unwritten: deps.unwritten,
        policyOfVersion: (teamId, versionId) => policyOfVersion(config, teamId, versionId),
      },
      key.teamId,
      feedback.request_id,
    );
  } catch (error) {
    deps.logger.error({ requestId: request.requestId, err: error }, "feedback lookup failed");
    throw storeUnavailable(error);
  }
  if (logged === null) {
    throw notFound(
      `No request '${feedback.request_id}' was found for this API key's team. A request that ` +
        "another gateway instance served a moment ago may not be recorded yet: retry in a few seconds.",
      "request_not_found",
      "request_id",
    );
  }
  if (logged.status !== "ok" || logged.routedModel === null) {
    throw invalidRequest(
      `The request '${feedback.request_id}' did not complete with an answer, so there is nothing to grade.`,
      "request_id",
      "request_not_answered",
    );
  }
  const quality = feedbackQuality(feedback);
  const createdAt = new Date();
  try {
    await deps.ports.outcomes.upsert({
      teamId: key.teamId,
      policyId: logged.policyId,
      requestId: logged.id,
      source: "feedback",
      sourceId: `key:${key.id}`,
      tags: logged.tags,
      features: logged.routingFeatures ?? null,
      promptText: logged.promptText,
      grades: { [logged.routedModel]: { quality } },
      comment: feedback.comment ? feedback.comment : null,
      createdAt,
    });
  } catch (error) {
    deps.logger.error({ requestId: request.requestId, err: error }, "feedback write failed");
    throw storeUnavailable(error);
  }
  const response: FeedbackResponse = {
    object: "feedback",
    request_id: logged.id,
    score: quality,
    created: Math.floor(createdAt.getTime() / 1000),
  };
  const overheadMs = performance.now() - request.receivedAt;
  return {
    kind: "json",
    status: 200,
    headers: responseHeaders(request, "none", "feedback", overheadMs, "json"),
    body: JSON.stringify(response),
  };
}
