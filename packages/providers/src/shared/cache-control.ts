/**
 * Anthropic's prompt-caching breakpoints (`cache_control: { type: "ephemeral", ttl? }`). In the
 * canonical (OpenAI-shaped) request they ride where OpenAI-style clients put them: on content
 * parts (system, user, assistant and tool messages), on a tool call, and on a tool definition.
 * Anthropic upstreams get them back on the matching blocks; every other upstream gets them
 * removed (OpenAI rejects unknown fields in messages).
 */
export type CacheControl = { type: "ephemeral"; [key: string]: unknown };

/** The `cache_control` of an object, when it carries Anthropic's (the only type is "ephemeral"). */
export function cacheControlOf(value: unknown): CacheControl | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const control = (value as { cache_control?: unknown }).cache_control;
  return typeof control === "object" &&
    control !== null &&
    (control as { type?: unknown }).type === "ephemeral"
    ? (control as CacheControl)
    : undefined;
}

/** Whether an object has a `cache_control` field at all (whatever its value). */
const marked = (value: unknown): boolean =>
  typeof value === "object" && value !== null && "cache_control" in value;

/** `{ cache_control }` to spread into a block, or nothing. */
export const withCacheControl = (from: unknown): { cache_control?: CacheControl } => {
  const control = cacheControlOf(from);
  return control === undefined ? {} : { cache_control: control };
};

function without<T>(value: T): T {
  if (!marked(value)) return value;
  const { cache_control: _dropped, ...rest } = value as Record<string, unknown>;
  return rest as T;
}

function strippedMessage(message: unknown): unknown {
  if (typeof message !== "object" || message === null) return message;
  const record = without(message as Record<string, unknown>);
  const content = record.content;
  const calls = record.tool_calls;
  const hasPart = Array.isArray(content) && content.some(marked);
  const hasCall = Array.isArray(calls) && calls.some(marked);
  if (!hasPart && !hasCall) return record;
  return {
    ...record,
    ...(hasPart && { content: (content as unknown[]).map(without) }),
    ...(hasCall && { tool_calls: (calls as unknown[]).map(without) }),
  };
}

const messageHasCacheControl = (message: unknown): boolean => {
  if (typeof message !== "object" || message === null) return false;
  if (marked(message)) return true;
  const { content, tool_calls } = message as { content?: unknown; tool_calls?: unknown };
  return (
    (Array.isArray(content) && content.some(marked)) ||
    (Array.isArray(tool_calls) && tool_calls.some(marked))
  );
};

/**
 * Removes every `cache_control` from an OpenAI-shaped body (messages, their parts and tool
 * calls, tools), in place on the body's own copy; objects without one are left as they are.
 */
export function stripCacheControl(body: Record<string, unknown>): void {
  const messages = body.messages;
  if (Array.isArray(messages) && messages.some(messageHasCacheControl))
    body.messages = messages.map(strippedMessage);
  const tools = body.tools;
  if (Array.isArray(tools) && tools.some(marked)) body.tools = tools.map(without);
}
