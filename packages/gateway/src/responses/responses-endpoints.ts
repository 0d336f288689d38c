import { type ApiKeyInfo, invalidRequest, notFound, SwitchyardError } from "@switchyard/core";
import { responseHeaders } from "../pipeline/headers";
import type { GatewayRequest, GatewayResult } from "../pipeline/types";
import type { StoredResponses } from "./stored-responses";

const methodNotAllowed = (method: string, path: string) =>
  new SwitchyardError(`Method ${method} is not allowed on ${path}.`, {
    status: 405,
    code: "method_not_allowed",
    type: "invalid_request_error",
  });

/** OpenAI's answer for an id it does not have (a 404 of type invalid_request_error). */
const responseNotFound = (id: string) =>
  new SwitchyardError(`Response with id '${id}' not found.`, {
    status: 404,
    code: "response_not_found",
    type: "invalid_request_error",
  });

const safeDecode = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

function json(request: GatewayRequest, body: unknown): GatewayResult {
  const overheadMs = performance.now() - request.receivedAt;
  return {
    kind: "json",
    status: 200,
    headers: responseHeaders(request, "none", "stored-response", overheadMs, "json"),
    body: JSON.stringify(body),
  };
}

/** input_items' query: limit 1..100 (20), order asc|desc (desc), after = an item id. */
function listQuery(query: string | undefined) {
  const params = new URLSearchParams(query ?? "");
  const rawLimit = params.get("limit");
  const limit = rawLimit === null ? 20 : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw invalidRequest("limit must be an integer from 1 to 100.", "limit");
  const order = params.get("order") ?? "desc";
  if (order !== "asc" && order !== "desc")
    throw invalidRequest("order must be 'asc' or 'desc'.", "order");
  return { limit, order, after: params.get("after") };
}

/**
 * GET and DELETE /v1/responses/{id}, GET /v1/responses/{id}/input_items: the caller's team's
 * stored responses only (another team's id is not found). `path` is below /v1/responses/.
 */
export async function handleStoredResponse(
  stored: StoredResponses | undefined,
  request: GatewayRequest,
  path: string,
  key: ApiKeyInfo,
): Promise<GatewayResult> {
  const rest = path.slice("/v1/responses/".length);
  const [rawId = "", sub, ...more] = rest.split("/");
  const id = safeDecode(rawId);
  if (id.length === 0 || more.length > 0 || (sub !== undefined && sub !== "input_items"))
    throw notFound(`No endpoint ${request.method} ${request.path}.`, "unknown_endpoint");
  if (sub === "input_items") {
    if (request.method !== "GET") throw methodNotAllowed(request.method, path);
    const { limit, order, after } = listQuery(request.query);
    const found = await stored?.find(key.teamId, id);
    if (!found) throw responseNotFound(id);
    const items = order === "asc" ? found.inputItems : [...found.inputItems].reverse();
    const start = after === null ? 0 : items.findIndex((item) => item.id === after) + 1;
    const data = items.slice(start, start + limit);
    return json(request, {
      object: "list",
      data,
      first_id: data[0]?.id ?? null,
      last_id: data.at(-1)?.id ?? null,
      has_more: start + limit < items.length,
    });
  }
  if (request.method === "GET") {
    const found = await stored?.find(key.teamId, id);
    if (!found) throw responseNotFound(id);
    return json(request, found.response);
  }
  if (request.method === "DELETE") {
    const deleted = (await stored?.delete(key.teamId, id)) ?? false;
    if (!deleted) throw responseNotFound(id);
    return json(request, { id, object: "response", deleted: true });
  }
  throw methodNotAllowed(request.method, path);
}
