/** Turns outcome records into training/evaluation rows for the two models. */

import { promptOf } from "@switchyard/router";
import { hashString } from "@switchyard/router/training";
import { callCost, modelPair, type OutcomeRecord, type Price } from "../../src/eval/outcomes";

export interface Row {
  id: string;
  /** Source file label (for balancing and reporting only; never a feature). */
  source: string;
  /** dataset/category of the record (used only to drop artefact groups, never a feature). */
  group: string;
  text: string;
  turns: number;
  cheapScore: number;
  strongScore: number;
  cheapCost: number;
  strongCost: number;
  cheapResponse: string | null;
}

export function toRows(
  records: readonly OutcomeRecord[],
  prices: Map<string, Price>,
  source: string,
): Row[] {
  const pair = modelPair(records, prices);
  const cheapPrice = prices.get(pair.cheap) as Price;
  const strongPrice = prices.get(pair.strong) as Price;
  return records.map((record) => {
    const cheap = record.outcomes[pair.cheap];
    const strong = record.outcomes[pair.strong];
    if (!cheap || !strong)
      throw new Error(`${record.id}: missing outcome for ${pair.cheap} or ${pair.strong}`);
    const { text, turns } = promptOf(record.messages);
    return {
      id: record.id,
      source,
      group: `${record.dataset ?? source}/${record.category ?? ""}`,
      text,
      turns,
      cheapScore: cheap.score,
      strongScore: strong.score,
      cheapCost: callCost(cheap, cheapPrice),
      strongCost: callCost(strong, strongPrice),
      cheapResponse: cheap.response ?? null,
    };
  });
}

/** Deterministic bucket in [0, modulo) from the record id and a salt. */
export const bucketOf = (id: string, salt: string, modulo: number) =>
  hashString(`${salt}:${id}`) % modulo;
