/**
 * Text PostgreSQL can store. A text or jsonb value may not hold NUL (U+0000) and jsonb may not
 * hold an unpaired surrogate (JavaScript strings can; JSON.stringify writes them as \\udXXX
 * escapes that jsonb refuses). Every string of a log row is made storable, and free text is
 * bounded, so that no request, however hostile its input, can make its row (and its batch)
 * unwritable.
 */

/** Longest stored value of each text column (characters); text beyond is cut. */
export const TEXT_LIMITS = {
  /** Names and ids a caller may send (requested model, client request id). */
  name: 256,
  /** Route reasons and error codes (the gateway's own, but built from policy and model names). */
  reason: 1_024,
  /** Prompt and completion text, with content logging on. */
  content: 262_144,
} as const;

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what must be found.
const unstorable = /[\u0000\ud800-\udfff]/;
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A string PostgreSQL can store: NUL removed, unpaired surrogates replaced (U+FFFD), cut to `max`. */
export function storableText(value: string, max: number): string {
  const text = value.length > max ? value.slice(0, max) : value;
  if (!unstorable.test(text)) return text;
  return text.replaceAll("\u0000", "").replace(loneSurrogate, "\ufffd");
}

/** Most tags kept on one row, and longest tag (characters): the gateway bounds them already. */
export const TAG_LIMITS = { count: 64, length: 256 } as const;

/** Tags PostgreSQL can store: each made storable and bounded, empty ones and repeats dropped. */
export function storableTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const tag of tags) {
    if (out.length >= TAG_LIMITS.count) break;
    const text = storableText(tag, TAG_LIMITS.length);
    if (text.length > 0 && !out.includes(text)) out.push(text);
  }
  return out;
}

export const storableOrNull = (value: string | null, max: number): string | null =>
  value === null ? null : storableText(value, max);

/** NUL and lone-surrogate escapes as JSON.stringify writes them. */
const unstorableEscape = /\\u0000|\\ud[89a-f][0-9a-f]{2}/i;

/**
 * JSON text of `value` that jsonb accepts. The common case costs one regex test of the text;
 * only when a NUL or a lone surrogate is in it is the value written again with every string
 * cleaned.
 */
export function storableJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (!unstorableEscape.test(text)) return text;
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === "string" ? storableText(item, Number.MAX_SAFE_INTEGER) : item,
  );
}
