/**
 * A request's tags: what the learned router groups a team's traffic by, and what the request log
 * stores. Taken from the declared task, OpenAI `metadata` (string values), the `user` field
 * (Anthropic's `metadata.user_id` arrives as `user`), the `x-switchyard-tags` header and the key's
 * default tags. Whatever exceeds the bounds is left out, never an error: tags describe a request,
 * they must not be a reason to refuse it.
 */
export const TAG_BOUNDS = {
  /** Metadata entries read (the first ones, in the body's order). */
  metadataEntries: 16,
  metadataKeyChars: 64,
  metadataValueChars: 128,
  /** Tags read from the x-switchyard-tags header. */
  headerTags: 16,
  /** Longest tag (the router ignores longer ones). */
  tagChars: 200,
  /** Most tags a request carries. */
  total: 32,
} as const;

export interface TagSources {
  /** The declared task (x-switchyard-task, else metadata.task). */
  task?: string | undefined;
  metadata?: Record<string, unknown> | null | undefined;
  user?: string | null | undefined;
  /** The raw x-switchyard-tags header (comma-separated). */
  header?: string | string[] | undefined;
  /** The API key's default tags. */
  keyTags?: readonly string[] | undefined;
}

const isText = (value: unknown, max: number): value is string =>
  typeof value === "string" && value.trim().length > 0 && value.length <= max;

function headerTags(header: string | string[] | undefined): string[] {
  if (header === undefined) return [];
  const text = Array.isArray(header) ? header.join(",") : header;
  const out: string[] = [];
  for (const part of text.split(",")) {
    if (out.length >= TAG_BOUNDS.headerTags) break;
    const tag = part.trim();
    if (tag.length > 0) out.push(tag);
  }
  return out;
}

/** The request's tags, de-duplicated, in source order (task, metadata, user, header, key). */
export function collectTags(sources: TagSources): string[] {
  const tags: string[] = [];
  const add = (tag: string) => {
    if (tags.length >= TAG_BOUNDS.total) return;
    if (tag.length === 0 || tag.length > TAG_BOUNDS.tagChars || tags.includes(tag)) return;
    tags.push(tag);
  };
  if (isText(sources.task, TAG_BOUNDS.metadataValueChars)) add(`task:${sources.task.trim()}`);
  if (sources.metadata != null && typeof sources.metadata === "object") {
    let entries = 0;
    for (const [key, value] of Object.entries(sources.metadata)) {
      if (entries >= TAG_BOUNDS.metadataEntries) break;
      entries += 1;
      if (!isText(key, TAG_BOUNDS.metadataKeyChars)) continue;
      if (!isText(value, TAG_BOUNDS.metadataValueChars)) continue;
      add(`${key.trim()}:${value.trim()}`);
    }
  }
  if (isText(sources.user, TAG_BOUNDS.metadataValueChars)) add(`user:${sources.user.trim()}`);
  for (const tag of headerTags(sources.header)) add(tag);
  for (const tag of sources.keyTags ?? []) add(tag.trim());
  return tags;
}
