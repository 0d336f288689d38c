/**
 * A team's traffic for the learning loop: one request per prompt (rows sharing a `prompt_id` are
 * merged: alpacaeval has one row per cheap model), each with every candidate's recorded outcome.
 */
import { callCost, type Outcome, type OutcomeRecord, type Price } from "../eval/outcomes";

export interface LearnRecord {
  /** prompt_id when the file has one, else the record id. */
  id: string;
  /** The first row's id (out-of-fold prior scores are keyed by it). */
  recordId: string;
  messages: OutcomeRecord["messages"];
  category: string | undefined;
  outcomes: Record<string, Outcome>;
}

export function mergeByPrompt(records: readonly OutcomeRecord[]): LearnRecord[] {
  const byPrompt = new Map<string, LearnRecord>();
  for (const record of records) {
    const id = record.prompt_id ?? record.id;
    const merged = byPrompt.get(id);
    if (merged) {
      for (const [model, outcome] of Object.entries(record.outcomes))
        merged.outcomes[model] ??= outcome;
      continue;
    }
    byPrompt.set(id, {
      id,
      recordId: record.id,
      messages: record.messages,
      category: record.category ?? record.dataset,
      outcomes: { ...record.outcomes },
    });
  }
  return [...byPrompt.values()];
}

const blended = (price: Price) => price.input + price.output;

/**
 * The candidates, cheapest first (blended price, then name): `requested`, else every model that
 * answers at least 95% of the prompts. Prompts missing a candidate's outcome are dropped.
 */
export function candidates(
  records: readonly LearnRecord[],
  prices: ReadonlyMap<string, Price>,
  requested?: readonly string[],
): { models: string[]; records: LearnRecord[]; dropped: number } {
  let names = requested ? [...requested] : [];
  if (!requested) {
    const counts = new Map<string, number>();
    for (const record of records)
      for (const model of Object.keys(record.outcomes))
        counts.set(model, (counts.get(model) ?? 0) + 1);
    names = [...counts.entries()]
      .filter(([, count]) => count >= 0.95 * records.length)
      .map(([model]) => model);
  }
  if (names.length < 2)
    throw new Error(`need at least two candidate models, found ${names.length}`);
  for (const name of names) if (!prices.has(name)) throw new Error(`no price for model "${name}"`);
  const models = names.sort(
    (a, b) =>
      blended(prices.get(a) as Price) - blended(prices.get(b) as Price) || a.localeCompare(b),
  );
  const kept = records.filter((record) => models.every((model) => record.outcomes[model]));
  return { models, records: kept, dropped: records.length - kept.length };
}

/** USD of each candidate's recorded call, in `models` order. */
export function recordCosts(
  record: LearnRecord,
  models: readonly string[],
  prices: ReadonlyMap<string, Price>,
): number[] {
  return models.map((model) =>
    callCost(record.outcomes[model] as Outcome, prices.get(model) as Price),
  );
}
