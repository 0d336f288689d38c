/**
 * RouteLLM's MT-Bench outcomes (routellm/evals/mt_bench: question.jsonl, judgements.jsonl) as
 * outcome records, scored as RouteLLM scores them: a question is routed on its first turn, the
 * routed model answers both turns, and its score is the mean of GPT-4's two 1-10 marks (here / 10).
 * The response is the model's first answer, the one a cascade reads; the token counts price the
 * whole two-turn conversation (the second call resends the first turn and answer).
 */
import type { OutcomeRecord } from "../../src/eval/outcomes";
import { ROUTELLM_MODELS } from "./routellm";

const tokens = (text: string) => Math.ceil(text.length / 4);

interface Question {
  question_id: number;
  category: string;
  turns: string[];
}

interface Judgement {
  question_id: number;
  model: string;
  turn: number;
  score: number;
  user_prompt: string;
}

const CONVERSATION = "<|The Start of Assistant A's Conversation with User|>";
const CONVERSATION_END = "<|The End of Assistant A's Conversation with User|>";
const ASSISTANT = "\n\n### Assistant A:\n";
const USER = "\n\n### User:\n";

/** The two answers of a second-turn judge prompt (the conversation it grades). */
export function answersOf(userPrompt: string): [string, string] {
  const start = userPrompt.indexOf(CONVERSATION);
  const end = userPrompt.indexOf(CONVERSATION_END, start);
  if (start < 0 || end < 0) throw new Error("judge prompt without the graded conversation");
  const conversation = userPrompt.slice(start + CONVERSATION.length, end);
  const first = conversation.indexOf(ASSISTANT);
  const second = conversation.indexOf(ASSISTANT, first + 1);
  const secondUser = conversation.indexOf(USER, first + 1);
  if (first < 0 || second < 0 || secondUser < 0 || secondUser > second)
    throw new Error("judge prompt without two answers");
  return [
    conversation.slice(first + ASSISTANT.length, secondUser),
    conversation.slice(second + ASSISTANT.length).replace(/\n+$/, ""),
  ];
}

const jsonLines = <T>(text: string): T[] =>
  text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);

/** question.jsonl + judgements.jsonl → one record a question not marked contaminated. */
export function convertMtBench(
  questionsJsonl: string,
  judgementsJsonl: string,
  contaminated: ReadonlySet<string>,
): OutcomeRecord[] {
  const judged = new Map<string, Judgement>();
  for (const judgement of jsonLines<Judgement>(judgementsJsonl))
    judged.set(`${judgement.question_id}|${judgement.model}|${judgement.turn}`, judgement);
  const records: OutcomeRecord[] = [];
  for (const question of jsonLines<Question>(questionsJsonl)) {
    const [turn1, turn2] = question.turns;
    if (turn1 === undefined || turn2 === undefined)
      throw new Error(`question ${question.question_id} has fewer than two turns`);
    if (contaminated.has(turn1) || contaminated.has(turn2)) continue;
    const outcomes: OutcomeRecord["outcomes"] = {};
    for (const [column, model] of Object.entries(ROUTELLM_MODELS)) {
      const key = (turn: number) => `${question.question_id}|${column}|${turn}`;
      const first = judged.get(key(1));
      const second = judged.get(key(2));
      if (first === undefined || second === undefined)
        throw new Error(`question ${question.question_id}: no judgement of ${column} for a turn`);
      for (const { score, turn } of [first, second])
        if (!(score >= 1 && score <= 10))
          throw new Error(`question ${question.question_id} turn ${turn}: score ${score}`);
      const [answer1, answer2] = answersOf(second.user_prompt);
      outcomes[model] = {
        score: (first.score + second.score) / 20,
        response: answer1,
        input_tokens: tokens(turn1) + tokens(turn1 + answer1 + turn2),
        output_tokens: tokens(answer1) + tokens(answer2),
      };
    }
    records.push({
      id: `mt-bench/${question.question_id}`,
      dataset: "mt-bench",
      category: question.category,
      messages: [{ role: "user", content: turn1 }],
      outcomes,
    });
  }
  return records;
}
