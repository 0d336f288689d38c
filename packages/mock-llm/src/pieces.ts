/** Splits an answer into the pieces a stream sends, one piece per content event. */

/** At word boundaries, into at most `count` pieces whose concatenation is `text`. */
export function splitWords(text: string, count: number): string[] {
  if (count <= 1 || text.length === 0) return [text];
  const words = text.match(/\s*\S+/g) ?? [text];
  if (words.length <= count) return words;
  const pieces: string[] = [];
  const perPiece = words.length / count;
  for (let index = 0; index < count; index++) {
    pieces.push(
      words.slice(Math.round(index * perPiece), Math.round((index + 1) * perPiece)).join(""),
    );
  }
  const consumed = pieces.join("").length;
  if (consumed < text.length) pieces[pieces.length - 1] += text.slice(consumed);
  return pieces;
}

/** Into at most `count` pieces of near-equal length (for JSON arguments). */
export function splitEvenly(text: string, count: number): string[] {
  if (count <= 1 || text.length <= 1) return [text];
  const pieces: string[] = [];
  const size = Math.ceil(text.length / Math.min(count, text.length));
  for (let offset = 0; offset < text.length; offset += size)
    pieces.push(text.slice(offset, offset + size));
  return pieces;
}
