/**
 * Fingerprints of the training prompts (FNV-1a of the prompt text, sorted, base64), stored in the
 * classifier weights so `pnpm eval` can say when a file repeats training prompts (in-sample).
 */
import { hashString } from "@switchyard/router/training";

export function encodePromptHashes(texts: readonly string[]): string {
  const unique = Uint32Array.from(new Set(texts.map((text) => hashString(text)))).sort();
  return Buffer.from(unique.buffer).toString("base64");
}

export function countSeenPrompts(encoded: string, texts: readonly string[]): number {
  const bytes = Buffer.from(encoded, "base64");
  const known = new Set(new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4));
  return texts.filter((text) => known.has(hashString(text))).length;
}
