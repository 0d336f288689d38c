import {
  type ApiKeyInfo,
  invalidRequest,
  type StoredResponse,
  type TeamInfo,
} from "@switchyard/core";
import { storedInputItems, storedItemsSchema } from "@switchyard/providers";
import { parseResponsesBody, responsesParsed } from "../surface/responses-surface";
import type { ParsedRequest } from "../surface/surface";
import { newResponseId } from "./response-ids";
import type { StoredResponses } from "./stored-responses";

const DAY_MS = 86_400_000;

/** Said in x-switchyard-note when the client asked to store but the team does not keep responses. */
export const NOT_STORED_NOTE =
  "response not stored: storing responses is turned off for this team (store is false in the body)";

/**
 * A POST /v1/responses body, parsed for the pipeline. With previous_response_id, the team's stored
 * response is looked up (the only read of the store on this path: a request without it never
 * waits on the database): its input items and output items come before this call's input; its
 * instructions do not. With `store` (true unless false) and the team keeping responses, the
 * finished response is queued for the background writer with the input items it was made from.
 */
export async function parseResponsesCall(
  stored: StoredResponses | undefined,
  key: ApiKeyInfo,
  team: TeamInfo,
  body: unknown,
): Promise<ParsedRequest> {
  const request = parseResponsesBody(body);
  let history: StoredResponse["inputItems"] = [];
  const previousId = request.previous_response_id;
  if (previousId) {
    const previous = stored === undefined ? null : await stored.find(key.teamId, previousId);
    if (previous === null)
      throw invalidRequest(
        `Previous response with id '${previousId}' not found.`,
        "previous_response_id",
        "previous_response_not_found",
      );
    const output = Array.isArray(previous.response.output) ? previous.response.output : [];
    history = [...previous.inputItems, ...output];
  }
  const parsedHistory = storedItemsSchema.safeParse(history);
  if (!parsedHistory.success)
    throw invalidRequest(
      `Previous response with id '${previousId}' cannot be continued: its items are not readable.`,
      "previous_response_id",
    );
  const nowMs = Date.now();
  const id = newResponseId(nowMs);
  const asked = request.store !== false;
  const keeps = asked && stored !== undefined && team.responseStorage;
  const meta = { id, store: keeps, createdAt: Math.floor(nowMs / 1000) };
  const keep =
    !keeps || stored === undefined
      ? undefined
      : (response: Record<string, unknown>) =>
          stored.keep({
            id,
            teamId: key.teamId,
            createdAt: new Date(nowMs),
            expiresAt: new Date(nowMs + team.responseRetentionDays * DAY_MS),
            response,
            inputItems: [...history, ...storedInputItems(request.input, id.slice(5))],
          });
  const parsed = responsesParsed({ request, meta, keep }, parsedHistory.data);
  if (asked && !keeps) parsed.extraHeaders = { "x-switchyard-note": NOT_STORED_NOTE };
  return parsed;
}
