/**
 * A cheap guard run before JSON.parse: does a body nest arrays and objects deeper than a limit?
 * Deep nesting is legal JSON that no API here needs, and past a few thousand levels it overflows
 * the stack of whatever walks the value next (zod, JSON.stringify towards the upstream).
 */

/** Deeper than any tool schema or content we accept; far below what overflows a stack. */
export const MAX_JSON_DEPTH = 128;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/** Opening brackets in `text`, counted up to `limit + 1` (indexOf is a memchr). */
function openings(text: string, limit: number): number {
  let count = 0;
  for (let i = text.indexOf("["); i !== -1; i = text.indexOf("[", i + 1))
    if (++count > limit) return count;
  for (let i = text.indexOf("{"); i !== -1; i = text.indexOf("{", i + 1))
    if (++count > limit) return count;
  return count;
}

/** The index of the quote closing the string opened at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  while (end !== -1) {
    let backslashes = 0;
    for (let j = end - 1; text.charCodeAt(j) === BACKSLASH; j--) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return -1;
}

/**
 * True when the JSON text nests arrays and objects more than `limit` levels deep. Brackets inside
 * strings do not count. Linear in the text and allocation-free; a body with no more than `limit`
 * opening brackets in all is answered after two indexOf passes. Malformed text is left to JSON.parse.
 */
export function nestsDeeperThan(text: string, limit = MAX_JSON_DEPTH): boolean {
  if (openings(text, limit) <= limit) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(text, i);
      if (i === -1) return false;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) depth--;
  }
  return false;
}
