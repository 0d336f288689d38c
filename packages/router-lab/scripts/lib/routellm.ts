/**
 * RouteLLM's published evaluation responses (lm-sys/RouteLLM, routellm/evals/) as outcome records
 * in the ../shared/eval format: GPT-4 vs Mixtral on GSM8K (with both answers) and on MMLU (right or
 * wrong only). Used to measure the router on data it was not trained on; never to train it.
 */
import { parse } from "csv-parse/sync";
import type { OutcomeRecord } from "../../src/eval/outcomes";

/** RouteLLM's column names → the model names of ../shared/eval/prices.json. */
export const ROUTELLM_MODELS = {
  "mistralai/Mixtral-8x7B-Instruct-v0.1": "mixtral-8x7b-instruct",
  "gpt-4-1106-preview": "gpt-4-1106-preview",
} as const;

/** Characters / 4, rounded up: how every outcome file counts tokens. */
const tokens = (text: string) => Math.ceil(text.length / 4);

export interface ConvertOptions {
  dataset: string;
  category: string;
  /** Prompts RouteLLM marks as contaminated (seen in its training data): dropped, as it does. */
  contaminated: ReadonlySet<string>;
  /** Prompts to leave out, e.g. those of a file the router was trained on. */
  exclude?: ReadonlySet<string>;
  /** Record ids are `${idPrefix}${row index}` (GSM8K: gsm8k/12 as in gsm8k-dev). */
  idPrefix: string;
}

/** One RouteLLM response CSV → outcome records (a null response where none was recorded). */
export function convertRouteLlmCsv(csv: string, options: ConvertOptions): OutcomeRecord[] {
  const rows = parse(csv, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const records: OutcomeRecord[] = [];
  rows.forEach((row, index) => {
    const prompt = row.prompt;
    if (prompt === undefined) throw new Error("RouteLLM CSV without a prompt column");
    if (options.contaminated.has(prompt) || options.exclude?.has(prompt)) return;
    const outcomes: OutcomeRecord["outcomes"] = {};
    for (const [column, model] of Object.entries(ROUTELLM_MODELS)) {
      const right = row[column];
      if (right !== "True" && right !== "False")
        throw new Error(`row ${index}: ${column} is "${right}", expected True or False`);
      const response = row[`${column}_response`] ?? null;
      outcomes[model] = {
        score: right === "True" ? 1 : 0,
        response,
        input_tokens: tokens(prompt),
        // Without a recorded answer (MMLU): one token, the option letter.
        output_tokens: response === null ? 1 : tokens(response),
      };
    }
    records.push({
      id: `${options.idPrefix}${index}`,
      dataset: options.dataset,
      category: options.category,
      messages: [{ role: "user", content: prompt }],
      outcomes,
    });
  });
  return records;
}

/** RouteLLM's contaminated_prompts.jsonl: one { eval_prompt, ... } a line. */
export function contaminatedPrompts(jsonl: string): Set<string> {
  const prompts = new Set<string>();
  for (const line of jsonl.split("\n")) {
    if (line.trim() === "") continue;
    const { eval_prompt: prompt } = JSON.parse(line) as { eval_prompt?: string };
    if (typeof prompt === "string") prompts.add(prompt);
  }
  return prompts;
}
