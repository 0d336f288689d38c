/** Recorded-outcome files (../shared/eval format): one JSON object a line, validated by zod. */
import { z } from "zod";

export const outcomeSchema = z.object({
  score: z.number().min(0).max(1),
  response: z.string().nullable().optional(),
  input_tokens: z.number().nonnegative(),
  output_tokens: z.number().nonnegative(),
});

export const messageSchema = z.object({
  role: z.string(),
  content: z.union([
    z.string(),
    z.array(z.object({ type: z.string(), text: z.string().optional() }).passthrough()),
    z.null(),
  ]),
});

export const outcomeRecordSchema = z.object({
  id: z.string(),
  dataset: z.string().optional(),
  category: z.string().optional(),
  /** Rows that share an instruction (one row per model pair): split and merge by it, never by row. */
  prompt_id: z.string().optional(),
  /** The pair a row compares, when a file mixes pairs. */
  cheap: z.string().optional(),
  strong: z.string().optional(),
  messages: z.array(messageSchema).min(1),
  outcomes: z.record(z.string(), outcomeSchema),
});
export type OutcomeRecord = z.infer<typeof outcomeRecordSchema>;
export type Outcome = z.infer<typeof outcomeSchema>;

export const pricesSchema = z.record(
  z.string(),
  z.union([
    z.object({ input: z.number().nonnegative(), output: z.number().nonnegative() }),
    z.string(),
  ]),
);
export interface Price {
  input: number;
  output: number;
}

export function parsePrices(raw: unknown): Map<string, Price> {
  const parsed = pricesSchema.parse(raw);
  const prices = new Map<string, Price>();
  for (const [name, value] of Object.entries(parsed))
    if (typeof value !== "string") prices.set(name, value);
  return prices;
}

/** Parses JSONL text; each line through the zod schema. Errors name the line. */
export function parseOutcomeLines(text: string): OutcomeRecord[] {
  const records: OutcomeRecord[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim();
    if (!line) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`line ${i + 1}: not valid JSON`);
    }
    const result = outcomeRecordSchema.safeParse(json);
    if (!result.success)
      throw new Error(`line ${i + 1}: ${result.error.issues[0]?.message ?? "invalid record"}`);
    records.push(result.data);
  }
  return records;
}

export interface ModelPair {
  cheap: string;
  strong: string;
}

/** USD of one recorded call. */
export function callCost(outcome: Outcome, price: Price): number {
  return (outcome.input_tokens * price.input + outcome.output_tokens * price.output) / 1e6;
}

/** The two models of a file; cheap = the lower blended price (input + output per million). */
export function modelPair(
  records: readonly OutcomeRecord[],
  prices: Map<string, Price>,
): ModelPair {
  const first = records[0];
  if (!first) throw new Error("no records");
  const names = Object.keys(first.outcomes);
  if (names.length !== 2) throw new Error(`expected two models per record, found ${names.length}`);
  const [cheap, strong] = byPrice(names, prices) as [string, string];
  return { cheap, strong };
}

/** Names sorted by blended price (input + output per million), then by name. */
function byPrice(names: readonly string[], prices: Map<string, Price>): string[] {
  const priced = names.map((name) => {
    const price = prices.get(name);
    if (!price) throw new Error(`no price for model "${name}"`);
    return { name, blended: price.input + price.output };
  });
  priced.sort((a, b) => a.blended - b.blended || a.name.localeCompare(b.name));
  return priced.map((entry) => entry.name);
}

/**
 * The pair a two-model evaluation replays, for any file: each record's pair is its `cheap` and
 * `strong` when given, else its cheapest and dearest outcome; the most common pair wins, and the
 * records that hold both of its outcomes are kept (a file with one pair keeps every record).
 */
export function commonPair(
  records: readonly OutcomeRecord[],
  prices: Map<string, Price>,
): { pair: ModelPair; records: OutcomeRecord[]; pairs: number } {
  const counts = new Map<string, { pair: ModelPair; count: number }>();
  for (const record of records) {
    const names =
      record.cheap && record.strong ? [record.cheap, record.strong] : Object.keys(record.outcomes);
    if (names.length < 2) continue;
    const sorted = byPrice(names, prices);
    const pair = { cheap: sorted[0] as string, strong: sorted.at(-1) as string };
    const key = `${pair.cheap}\u0000${pair.strong}`;
    const entry = counts.get(key) ?? { pair, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  const best = [...counts.values()].sort((a, b) => b.count - a.count)[0];
  if (!best) throw new Error("no record has two models");
  const kept = records.filter(
    (record) => record.outcomes[best.pair.cheap] && record.outcomes[best.pair.strong],
  );
  return { pair: best.pair, records: kept, pairs: counts.size };
}
