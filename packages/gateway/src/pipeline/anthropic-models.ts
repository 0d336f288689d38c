import { invalidRequest } from "@switchyard/core";
import type { ModelEntry } from "./models-list";
import type { HeaderMap } from "./types";

/** One model in Anthropic's shape (GET /v1/models/{model_id} and the list's entries). */
export interface AnthropicModel {
  type: "model";
  id: string;
  display_name: string;
  created_at: string;
}

export interface AnthropicModelPage {
  data: AnthropicModel[];
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Whether a caller speaks Anthropic's API: it sends `anthropic-version`, or its key in `x-api-key`
 * without OpenAI's `Authorization: Bearer`. Such a caller gets the model list, and its errors, in
 * Anthropic's shape.
 */
export function wantsAnthropicShape(headers: HeaderMap): boolean {
  if (first(headers["anthropic-version"]) !== undefined) return true;
  const bearer = /^\s*bearer\s/i.test(first(headers.authorization) ?? "");
  return first(headers["x-api-key"]) !== undefined && !bearer;
}

export const toAnthropicModel = (model: ModelEntry): AnthropicModel => ({
  type: "model",
  id: model.id,
  display_name: model.id,
  created_at: new Date(model.created * 1000).toISOString(),
});

/** Anthropic's documented page size: 20 by default, 1 to 1000. */
export const ANTHROPIC_DEFAULT_LIMIT = 20;
const MAX_LIMIT = 1000;

function readLimit(params: URLSearchParams): number {
  const raw = params.get("limit");
  if (raw === null || raw === "") return ANTHROPIC_DEFAULT_LIMIT;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw invalidRequest(`limit: must be a whole number from 1 to ${MAX_LIMIT}`, "limit");
  return limit;
}

function cursor(list: readonly ModelEntry[], params: URLSearchParams, name: string): number | null {
  const id = params.get(name);
  if (id === null || id === "") return null;
  const at = list.findIndex((model) => model.id === id);
  if (at < 0) throw invalidRequest(`${name}: '${id}' is not a model in this list`, name);
  return at;
}

/**
 * The list as one page in Anthropic's shape, with its cursors: `after_id` gives the page right
 * after that model, `before_id` the page right before it (the `limit` models nearest it);
 * `has_more` says whether more lie further in that direction.
 */
export function anthropicModelPage(list: readonly ModelEntry[], query: string): AnthropicModelPage {
  const params = new URLSearchParams(query);
  const limit = readLimit(params);
  const after = cursor(list, params, "after_id");
  const before = cursor(list, params, "before_id");
  if (after !== null && before !== null)
    throw invalidRequest("Send after_id or before_id, not both", "before_id");
  let start: number;
  let end: number;
  let hasMore: boolean;
  if (before !== null) {
    end = before;
    start = Math.max(0, end - limit);
    hasMore = start > 0;
  } else {
    start = after === null ? 0 : after + 1;
    end = Math.min(list.length, start + limit);
    hasMore = end < list.length;
  }
  const data = list.slice(start, end).map(toAnthropicModel);
  return {
    data,
    has_more: hasMore,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
  };
}
