/** Reads an outcome file (.jsonl or .jsonl.gz) and a prices file from disk. */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import {
  type OutcomeRecord,
  type Price,
  parseOutcomeLines,
  parsePrices,
} from "../../src/eval/outcomes";

export function readOutcomeFile(path: string): OutcomeRecord[] {
  const bytes = readFileSync(path);
  const text = path.endsWith(".gz") ? gunzipSync(bytes).toString("utf8") : bytes.toString("utf8");
  try {
    return parseOutcomeLines(text);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
}

export function readPrices(path: string): Map<string, Price> {
  const raw: unknown = JSON.parse(readFileSync(path, "utf8"));
  return parsePrices(raw);
}
